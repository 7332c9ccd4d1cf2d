package org.attentionsuite.app.studio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.image.explain.ImageAttentionPicture;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.render.MusicAttentionPicture;

/**
 * The attention explorer's requests: the pictures {@code ./suite attention} writes, for an image or
 * a piece the page holds (one it sampled or completed), drawn by the same classes. Each runs on its
 * model's lane, since it uses the model's forward pass.
 */
final class Explorer {
    /** Longest image or piece accepted, in tokens. */
    static final int MAX_TOKENS = 1 << 16;

    private final Models models;
    private final Jobs jobs;

    Explorer(Models models, Jobs jobs) {
        this.models = models;
        this.jobs = jobs;
    }

    /** {@code model}, {@code image} (raster intensities), {@code class}, {@code row}, {@code column}, {@code channel}. */
    Object image(Fields f) throws InterruptedException {
        String model = f.text("model");
        int[] raster = f.integers("image", MAX_TOKENS);
        int imageClass = f.integer("class", -1);
        int row = f.integer("row", 0);
        int column = f.integer("column", 0);
        int channel = f.integer("channel", 0);
        models.file(model);
        return jobs.call(model, "explore", job -> {
            ImageAttentionPicture p = ImageAttentionPicture.of(models.image(model), raster, imageClass, row, column,
                    channel);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("picture", dataUrl(p.render()));
            out.put("position", p.map().query());
            return out;
        });
    }

    /** {@code model}, {@code tokens}, {@code position} and {@code layer} (1-based; default the last). */
    Object music(Fields f) throws InterruptedException {
        String model = f.text("model");
        int[] tokens = f.integers("tokens", MAX_TOKENS);
        int position = f.integer("position", tokens.length - 1);
        OptionalInt layer = f.optionalInteger("layer");
        models.file(model);
        return jobs.call(model, "explore", job -> {
            MusicGenerator g = models.music(model);
            int layers = g.model().config().layers();
            if (layer.isPresent() && (layer.getAsInt() < 1 || layer.getAsInt() > layers)) {
                throw new UserError("layer " + layer.getAsInt() + " is not one of the model's layers 1.." + layers);
            }
            MusicAttentionPicture p = MusicAttentionPicture.of(g.model(), g.encoding(), tokens, position,
                    layer.orElse(layers) - 1);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("picture", dataUrl(p.render()));
            out.put("layers", layers);
            out.put("left", MusicAttentionPicture.rollLeft());
            out.put("top", MusicAttentionPicture.rollTop());
            out.put("cells", p.cells());
            return out;
        });
    }

    private static String dataUrl(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            PngFiles.encode(image, bytes, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
