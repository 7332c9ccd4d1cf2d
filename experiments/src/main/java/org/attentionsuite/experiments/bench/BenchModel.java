package org.attentionsuite.experiments.bench;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.Geometry;

/**
 * The benchmark shapes of {@code shared/bench/torch_reference.py}, kept in step with it.
 *
 * @param id     the reference script's config name
 * @param vocab  vocabulary
 * @param d      model width
 * @param heads  heads
 * @param layers blocks
 * @param ffn    feed-forward width
 * @param batch  sequences per step
 * @param length tokens per sequence
 */
public record BenchModel(String id, int vocab, int d, int heads, int layers, int ffn, int batch, int length) {
    public static final BenchModel MUSIC_TINY = new BenchModel("music-tiny", 390, 128, 4, 2, 512, 8, 256);
    public static final BenchModel MUSIC_SMALL = new BenchModel("music-small", 390, 256, 8, 4, 1024, 4, 1024);
    public static final BenchModel IMAGE_TINY = new BenchModel("image-tiny", 256, 128, 4, 2, 512, 8, 784);
    /** The fashion-mnist recipe's model and batch (without its class conditioning). */
    public static final BenchModel IMAGE_FASHION = new BenchModel("image-fashion", 256, 128, 4, 4, 512, 16, 784);

    /** The sequences of this shape: 28x28 gray images for the image shapes, else plain tokens. */
    public Geometry geometry() {
        if (id.startsWith("image")) {
            int side = (int) Math.round(Math.sqrt(length));
            return new Geometry.Image(side, side, 1);
        }
        return new Geometry.Tokens(length);
    }

    /** The shape called {@code id}; throws naming the known ones. */
    public static BenchModel byId(String id) {
        for (BenchModel m : new BenchModel[] {MUSIC_TINY, MUSIC_SMALL, IMAGE_TINY, IMAGE_FASHION}) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new UserError("--shape '" + id + "' is unknown (known: music-tiny, music-small, image-tiny, "
                + "image-fashion)");
    }
}
