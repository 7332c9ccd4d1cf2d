package org.attentionsuite.app.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attentionsuite.app.CommandText;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.explain.ImageAttentionPicture;
import org.attentionsuite.image.io.PngText;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.model.Pixels;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.generate.Primer;
import org.attentionsuite.music.model.MusicTokens;
import org.attentionsuite.music.render.MusicAttentionPicture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suite attention}: the attention explorer's pictures as PNG files. */
@Command(name = "attention", mixinStandardHelpOptions = true,
        description = {"Draw where a model's attention looks from one pixel of an image or one token of a piece: "
                + "a heat map per layer and head and their mean (images: every layer; music: one layer, with each "
                + "head's weight against relative distance), written as one PNG.",
            "Images: a held-out image of --data (as image complete --count 1 takes it) and --pixel ROW,COL. "
                + "Music: the first --tokens events of --midi, or --tokens sampled from scratch with --seed; "
                + "--position picks the token."})
final class AttentionCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Flags.Checkpoint from;

    @CommandLine.Mixin
    Flags.Images images;

    @Option(names = "--pixel", paramLabel = "ROW,COL", description = "images: the query pixel (0-based)")
    String pixel;

    @Option(names = "--channel", defaultValue = "0", description = "images: its channel (default: ${DEFAULT-VALUE})")
    int channel;

    @Option(names = "--class", description = "images: the image's class for a conditional model (default: its label)")
    Integer imageClass;

    @Option(names = "--midi", paramLabel = "<song.mid>", description = "music: explore the first --tokens events of "
            + "this file (performance models)")
    Path midi;

    @Option(names = "--tokens", defaultValue = "128", description = "music: tokens of the piece (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--seed", defaultValue = "1", description = "music without --midi: seed of the sampled piece "
            + "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--position", description = "music: the query token, 0-based (default: the last)")
    Integer position;

    @Option(names = "--layer", description = "music: the layer shown, 1-based (default: the last)")
    Integer layer;

    @Option(names = "--out", defaultValue = "attention.png", description = "the PNG (default: ${DEFAULT-VALUE})")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path file = from.file();
        Checkpoint.Loaded loaded = Checkpoint.load(file, Precision.FLOAT32);
        BufferedImage picture;
        if (loaded.tokens() instanceof Pixels) {
            picture = image(TrainedImageModel.of(loaded));
        } else if (loaded.tokens() instanceof MusicTokens) {
            picture = music(MusicGenerator.of(loaded));
        } else {
            throw new UserError(file + ": a model of " + loaded.tokens().label() + ", which has no attention pictures");
        }
        PngFiles.write(picture, out, Map.of(PngText.SOFTWARE, PngText.SUITE, PngText.COMMAND, CommandText.of(spec)));
        System.out.println("attention: " + out.toAbsolutePath().normalize());
        return 0;
    }

    private BufferedImage image(TrainedImageModel m) {
        if (pixel == null) {
            throw new UserError("give the query pixel of an image model: --pixel ROW,COL");
        }
        ImageOrder order = m.order();
        if (!pixel.matches("\\d{1,9},\\d{1,9}")) {                  // at most 9 digits: an int, larger than any image
            throw new UserError("--pixel '" + pixel + "' must be ROW,COL of a pixel of the " + order.height() + "x"
                    + order.width() + "x" + order.channels() + " image (0-based)");
        }
        String[] rc = pixel.split(",");
        ImageSet heldOut = ImageSplit.last(images.source(ImageSource.BUNDLED).load(order.height(), order.width(),
                order.channels()), 1);
        int c = imageClass != null ? imageClass : heldOut.hasLabels() ? heldOut.label(0) : -1;
        return ImageAttentionPicture.of(m, heldOut.sequence(0), c, Integer.parseInt(rc[0]), Integer.parseInt(rc[1]),
                channel).render();
    }

    private BufferedImage music(MusicGenerator g) {
        int window = g.model().config().maxLength();
        if (midi == null && tokens > window) {                 // before sampling them
            throw new UserError("--tokens (" + tokens + ") is more than the model's window (" + window + ")");
        }
        int[] piece = midi != null ? g.primerTokens(Primer.midiEvents(midi, tokens))
                : g.sample(g.primerTokens(Primer.start()), tokens, 0, SamplingConfig.of(seed), null).tokens();
        int query = position != null ? position : piece.length - 1;
        if (query < 0 || query >= piece.length) {
            throw new UserError("--position (" + query + ") must be in 0.." + (piece.length - 1));
        }
        int layers = g.model().config().layers();
        return MusicAttentionPicture.of(g.model(), g.encoding(), piece, query, layer != null ? layer - 1 : layers - 1)
                .render();
    }
}
