package org.attentionsuite.app.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attentionsuite.core.train.MetricsLog;

/**
 * The training runs under the runs folder: every folder with a {@value MetricsLog#FILE}, its loss
 * curves read from that file (so a run that is training shows its latest steps at every look), and
 * the pictures, MIDI and WAV files it holds (samples, completions, its loss chart).
 */
final class Runs {
    /** Folder depth searched for runs. */
    static final int DEPTH = 6;
    /** Runs listed at most. */
    static final int MAX_LISTED = 500;
    /** Files of one run listed at most. */
    static final int MAX_FILES = 200;

    private final Shelf files;
    private final Path excluded;

    /**
     * @param files    the runs folder's served files
     * @param excluded a folder under it that is not searched (the studio's own outputs)
     */
    Runs(Shelf files, Path excluded) {
        this.files = files;
        this.excluded = excluded.toAbsolutePath().normalize();
    }

    /** The runs, by their folder's path under the runs folder. */
    List<String> names() {
        Path root = files.root();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, DEPTH)) {
            return walk.filter(p -> p.getFileName().toString().equals(MetricsLog.FILE) && !p.startsWith(excluded))
                    .map(files::name).filter(n -> files.find(n).isPresent())
                    .map(n -> n.substring(0, Math.max(0, n.length() - MetricsLog.FILE.length() - 1)))
                    .filter(n -> !n.isEmpty()).sorted().limit(MAX_LISTED).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list runs (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Run {@code name}: its curves in the task's unit ({@code train} and {@code eval} as
     * {@code [step, value]} pairs) and the URLs of its files.
     *
     * @throws Http.Refusal 404 when there is no such run
     */
    Map<String, Object> describe(String name) {
        Path metrics = files.find(name + "/" + MetricsLog.FILE)
                .orElseThrow(() -> new Http.Refusal(404, "no run '" + name + "'"));
        List<double[]> train = new ArrayList<>();
        List<double[]> eval = new ArrayList<>();
        String unit = "";
        for (MetricsLog.Entry e : MetricsLog.read(metrics)) {
            (e.isEval() ? eval : train).add(new double[] {e.step(), e.value()});
            unit = e.unit();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("unit", unit);
        out.put("train", train);
        out.put("eval", eval);
        out.put("files", files(metrics.getParent()));
        return out;
    }

    private List<String> files(Path run) {
        try (Stream<Path> walk = Files.walk(run, 3)) {
            return walk.filter(Files::isRegularFile).map(files::name)
                    .filter(n -> !n.endsWith(MetricsLog.FILE) && files.find(n).isPresent()).sorted()
                    .limit(MAX_FILES).map(n -> Studio.RUN_FILES + n).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
