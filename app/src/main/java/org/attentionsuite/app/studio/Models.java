package org.attentionsuite.app.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.image.model.Pixels;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.model.MusicTokens;

/**
 * The models the studio offers: the shipped ones by name ({@code fashion-mnist}), and the
 * checkpoints under the runs folder by their path there ({@code runs/image/best.ckpt}). A model is
 * loaded when first used and kept until its file changes (a training run rewrites its checkpoints).
 */
final class Models {
    /** Prefix of the ids of checkpoints under the runs folder. */
    static final String RUNS = "runs/";
    /** Checkpoints listed from the runs folder at most. */
    static final int MAX_LISTED = 500;
    /** Folder depth searched for checkpoints under the runs folder. */
    static final int DEPTH = 6;

    /** A loaded model of either domain. */
    sealed interface Loaded permits Image, Music {
    }

    /** An Image Transformer. */
    record Image(TrainedImageModel model) implements Loaded {
    }

    /** A Music Transformer. */
    record Music(MusicGenerator generator) implements Loaded {
    }

    private record Cached(FileTime modified, long size, Loaded loaded) {
    }

    private final Map<String, Path> shipped;
    private final Path runs;
    private final Shelf checkpoints;
    private final Path excluded;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param shipped  the shipped models by name
     * @param runs     the runs folder, as the user named it (it appears in command lines)
     * @param excluded a folder under {@code runs} not searched (the studio's own outputs)
     */
    Models(Map<String, Path> shipped, Path runs, Path excluded) {
        this.shipped = new TreeMap<>(shipped);
        this.runs = runs;
        this.checkpoints = new Shelf(runs, Map.of("ckpt", "application/zip"));
        this.excluded = excluded.toAbsolutePath().normalize();
    }

    /** Every model id: the shipped names, then the checkpoints under the runs folder. */
    List<String> ids() {
        List<String> out = new ArrayList<>(shipped.keySet());
        Path root = checkpoints.root();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root, DEPTH)) {
                files.filter(p -> !p.startsWith(excluded) && p.getFileName().toString().endsWith(".ckpt"))
                        .map(checkpoints::name).filter(n -> checkpoints.find(n).isPresent()).sorted()
                        .limit(MAX_LISTED).forEach(n -> out.add(RUNS + n));
            } catch (IOException | UncheckedIOException e) {
                System.err.println("warning: studio: cannot list " + runs + " (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /**
     * The checkpoint file of model {@code id}.
     *
     * @throws Http.Refusal 404 when there is no such model
     */
    Path file(String id) {
        Path f = id.startsWith(RUNS) ? checkpoints.find(id.substring(RUNS.length())).orElse(null) : shipped.get(id);
        if (f == null) {
            throw new Http.Refusal(404, "no model '" + id + "' (shipped: " + String.join(", ", shipped.keySet())
                    + "; or a checkpoint under " + runs + ")");
        }
        return f;
    }

    /** How the command line names model {@code id}: {@code --model NAME} or {@code --checkpoint PATH}. */
    List<String> arguments(String id) {
        file(id);
        return id.startsWith(RUNS) ? List.of("--checkpoint", runs.resolve(id.substring(RUNS.length())).toString())
                : List.of("--model", id);
    }

    /** Model {@code id}, loaded from its checkpoint unless the file is unchanged since the last load. */
    Loaded load(String id) {
        Path file = file(id);
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Cached c = cache.get(file);
        if (c == null || !c.modified().equals(modified) || c.size() != size) {
            c = new Cached(modified, size, read(file));
            cache.put(file, c);
        }
        return c.loaded();
    }

    /** The image model {@code id}; 400 for a music model. */
    TrainedImageModel image(String id) {
        if (load(id) instanceof Image i) {
            return i.model();
        }
        throw new Http.Refusal(400, id + " is a music model; pick an image model");
    }

    /** The music model {@code id}; 400 for an image model. */
    MusicGenerator music(String id) {
        if (load(id) instanceof Music m) {
            return m.generator();
        }
        throw new Http.Refusal(400, id + " is an image model; pick a music model");
    }

    private static Loaded read(Path file) {
        Checkpoint.Loaded loaded = Checkpoint.load(file, Precision.FLOAT32);
        if (loaded.tokens() instanceof Pixels) {
            return new Image(TrainedImageModel.of(loaded).on(Workers.allCores()));   // the same images on any count
        }
        if (loaded.tokens() instanceof MusicTokens) {
            return new Music(MusicGenerator.of(loaded));
        }
        throw new Http.Refusal(400, file + ": a model of " + loaded.tokens().label() + ", which the studio does not show");
    }

    /** What the page shows of model {@code id} and needs to offer its controls. */
    Map<String, Object> describe(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        Loaded loaded = load(id);
        if (loaded instanceof Image i) {
            TrainedImageModel t = i.model();
            var order = t.order();
            m.put("kind", "image");
            m.put("height", order.height());
            m.put("width", order.width());
            m.put("channels", order.channels());
            m.put("order", order.label());
            m.put("classes", java.util.stream.IntStream.range(0, t.classes()).mapToObj(t.classNames()::of).toList());
            m.put("attention", t.model().config().attention().label());
        } else if (loaded instanceof Music mu) {
            MusicGenerator g = mu.generator();
            m.put("kind", "music");
            m.put("encoding", g.encoding().name().toLowerCase(java.util.Locale.ROOT));
            m.put("unit", g.encoding().unit());
            m.put("maxLength", g.model().config().maxLength());
            m.put("attention", g.model().config().attention().label());
        }
        return m;
    }
}
