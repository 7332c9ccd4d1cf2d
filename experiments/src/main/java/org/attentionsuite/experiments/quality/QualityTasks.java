package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.train.SequenceCorpus;
import org.attentionsuite.image.attention.LocalAttention1d;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.data.BundledImages;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.order.BlockRasterOrder;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.chorale.Chorale;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.chorale.ChoraleEncoding;

/** The comparisons of the two papers, at a preset's sizes. */
public final class QualityTasks {
    /** Start token of image sequences; intensities are 0..255. */
    public static final int IMAGE_START = 256;
    /** Image vocabulary: 256 intensities and the start token. */
    public static final int IMAGE_VOCAB = 257;
    /** Bundled images kept for training; the rest (200) are the validation pool. */
    static final int IMAGE_TRAIN_POOL = 1800;
    /** Side of the local 2D query blocks and flanges on 28x28 images. */
    static final int IMAGE_BLOCK = 7;
    /** Local 1D block length on 28x28 images: 7 image rows, the height of a local 2D query band. */
    static final int IMAGE_LOCAL1D_BLOCK = 196;
    /** Where {@code suite compare chorales} looks by default (relative to the project folder). */
    public static final Path DEFAULT_CHORALES = Path.of("../shared/data/jsb-chorales/Jsb16thSeparated.json");

    private QualityTasks() {
    }

    /**
     * Fashion-MNIST (the bundled 2,000 test images, 28x28 gray), one intensity per token:
     * inputs {@code [START, s0 .. s782]}, targets {@code [s0 .. s783]}, vocabulary 257, learned
     * positions. Arms: full attention and local 1D (block 196, one memory block) on raster order, local
     * 2D (query 7x7, flange 7x7) on block-raster order. Reported in bits/dim (and nats/token).
     */
    public static QualityTask images(QualityPreset p) {
        if (p.trainImages() > IMAGE_TRAIN_POOL || p.validImages() > BundledImages.FASHION_MNIST_2K_COUNT
                - IMAGE_TRAIN_POOL) {
            throw new UserError("preset " + p.id() + " asks for " + p.trainImages() + " training and "
                    + p.validImages() + " validation images; the bundled set has " + IMAGE_TRAIN_POOL + " and "
                    + (BundledImages.FASHION_MNIST_2K_COUNT - IMAGE_TRAIN_POOL));
        }
        int side = 28;
        int length = side * side;
        ModelConfig base = ModelConfig.of(IMAGE_VOCAB, p.dModel(), p.heads(), p.layers(), p.ffn(), length)
                .withPosition(new Positions.Learned());
        BlockRasterOrder blocks = new BlockRasterOrder(side, side, 1, IMAGE_BLOCK, IMAGE_BLOCK);
        List<Arm> arms = List.of(
                Arm.of("full", new FullCausalAttention.Spec(), new Positions.Learned()),
                Arm.of("local1d", new LocalAttention1d.Spec(IMAGE_LOCAL1D_BLOCK, 1), new Positions.Learned()),
                new Arm("local2d", new LocalAttention2d.Spec(side, side, 1, IMAGE_BLOCK, IMAGE_BLOCK, IMAGE_BLOCK,
                        IMAGE_BLOCK), new Positions.Learned(), d -> new BlockRasterView(d, blocks, IMAGE_START)));
        return new QualityTask("images", () -> imageData(p), base, arms,
                List.of(new LossUnit.BitsPerDim(), new LossUnit.NatsPerToken()));
    }

    private static SequenceCorpus imageData(QualityPreset p) {
        ImageSet all = BundledImages.fashionMnist2k();
        ImageSet train = all.subset(0, p.trainImages());
        ImageSet valid = all.subset(IMAGE_TRAIN_POOL, IMAGE_TRAIN_POOL + p.validImages());
        return new SequenceCorpus(withStart(train), withStart(valid), p.batch(), train.imageLength(), IMAGE_START);
    }

    /** {@code [START, x_0 .. x_{L−1}]} per image, raster order. */
    private static List<int[]> withStart(ImageSet set) {
        List<int[]> out = new ArrayList<>();
        for (int n = 0; n < set.count(); n++) {
            int[] seq = set.sequence(n);
            int[] s = new int[seq.length + 1];
            s[0] = IMAGE_START;
            System.arraycopy(seq, 0, s, 1, seq.length);
            out.add(s);
        }
        return out;
    }

    /**
     * JSB chorales (Huang et al. 2018, §4.1) from Coconet's {@code Jsb16thSeparated.json}: tokens of
     * {@link ChoraleEncoding} with EOS, random crops of the preset's length, validation on the valid
     * split. Arms: absolute (sinusoidal positions, full attention) and relative (no absolute
     * positions, relative attention with the skew, one table per head). Reported in nats/token and
     * nats/note.
     *
     * <p>Caveat on the absolute arm: the core adds sinusoids of amplitude 1 to token embeddings
     * initialised with std 0.02 and does not scale embeddings by {@code √D} (Vaswani et al. 2017,
     * §3.4), so at small widths the positions drown the tokens and this arm learns very slowly
     * (measured: stuck near 3.4 nats/token for 200 quick steps, while full attention with learned or
     * no positions reaches about 2.2 in 100).
     *
     * @param file the JSON file
     */
    public static QualityTask chorales(Path file, QualityPreset p) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("chorale file not found: " + file
                    + " (pass --chorales PATH to Jsb16thSeparated.json)");
        }
        ModelConfig base = ModelConfig.of(ChoraleEncoding.SIZE, p.dModel(), p.heads(), p.layers(), p.ffn(),
                p.musicLength());
        List<Arm> arms = List.of(
                Arm.of("absolute", new FullCausalAttention.Spec(), new Positions.Sinusoidal()),
                Arm.of("relative", new RelativeAttention.Spec(0, false), new Positions.None()));
        return new QualityTask("chorales", () -> choraleData(file, p), base, arms,
                List.of(new LossUnit.NatsPerToken(), new LossUnit.NatsPerNote()));
    }

    private static SequenceCorpus choraleData(Path file, QualityPreset p) {
        ChoraleDataset d = ChoraleDataset.load(file);
        List<Chorale> valid = p.validChorales() == 0 ? d.valid()
                : d.valid().subList(0, Math.min(p.validChorales(), d.valid().size()));
        return new SequenceCorpus(encode(d.train()), encode(valid), p.batch(), p.musicLength(), ChoraleEncoding.PAD);
    }

    private static List<int[]> encode(List<Chorale> chorales) {
        List<int[]> out = new ArrayList<>();
        for (Chorale c : chorales) {
            out.add(ChoraleEncoding.encodeWithEos(c));
        }
        return out;
    }
}
