package org.attentionsuite.experiments.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.train.EvalReport;
import org.attentionsuite.core.train.MetricsLog;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingRun;

/**
 * Loss curves of runs, read from their {@code metrics.jsonl} ({@link MetricsLog}): the
 * {@code loss.png} of one run, refreshed at each evaluation while it trains, and the overlay of
 * several runs that {@code ./suite plot} draws (the TensorBoard habit).
 */
public final class LossCharts {
    /** The chart's file name in a run folder. */
    public static final String FILE = "loss.png";

    private LossCharts() {
    }

    /** A listener that redraws {@code dir/loss.png} after every evaluation. */
    public static TrainingListener refreshing(Path dir) {
        return new TrainingListener() {
            @Override
            public void onEvaluation(TrainingRun run, EvalReport e) {
                write(dir);
            }
        };
    }

    /** Draws {@code dir/loss.png}: training and validation loss against steps, in the task's unit. */
    public static Path write(Path dir) {
        List<MetricsLog.Entry> entries = read(dir);
        String unit = unit(entries);
        return Charts.writeLines(dir.resolve(FILE), new Charts.Axes("Loss: " + dir.getFileName(), "step",
                unit, false, false), List.of(series("training", entries, false), series("validation", entries, true)));
    }

    /**
     * Draws the validation (and, with {@code training}, the training) curves of several runs into
     * one chart at {@code target}; the runs must report the same unit.
     */
    public static Path overlay(List<Path> dirs, Path target, boolean training) {
        if (dirs.isEmpty()) {
            throw new UserError("give at least one run folder");
        }
        List<String> names = names(dirs);
        List<Charts.Series> series = new ArrayList<>();
        String unit = null;
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            List<MetricsLog.Entry> entries = read(dir);
            String u = unit(entries);
            if (unit != null && !unit.equals(u)) {
                throw new UserError(dir + ": reports " + u + ", the other runs " + unit + "; plot runs of one kind");
            }
            unit = u;
            String name = names.get(i);
            series.add(series(name + " validation", entries, true));
            if (training) {
                series.add(series(name + " training", entries, false));
            }
        }
        return Charts.writeLines(target, new Charts.Axes("Validation loss" + (training ? " and training loss" : ""),
                "step", unit, false, false), series);
    }

    /**
     * Each run's name in the legend: its folder's path below the deepest folder that holds them all,
     * so that runs with the same folder name ({@code compare}'s {@code ARM/seed-N}) stay apart.
     *
     * @throws UserError when a folder is given twice
     */
    static List<String> names(List<Path> dirs) {
        List<Path> runs = dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        Path common = runs.get(0).getParent();
        for (Path run : runs) {
            while (common != null && !run.startsWith(common)) {
                common = common.getParent();
            }
        }
        List<String> names = new ArrayList<>();
        for (Path run : runs) {
            String name = (common == null ? run : common.relativize(run)).toString();
            if (names.contains(name)) {
                throw new UserError(run + " is given twice");
            }
            names.add(name);
        }
        return names;
    }

    private static List<MetricsLog.Entry> read(Path dir) {
        Path file = dir.resolve(MetricsLog.FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserError(dir + ": no " + MetricsLog.FILE + " (is it a run folder of image/music train?)");
        }
        return MetricsLog.read(file);
    }

    private static String unit(List<MetricsLog.Entry> entries) {
        return entries.stream().map(MetricsLog.Entry::unit).filter(u -> !u.equals("nats")).findFirst()
                .orElse("nats per target");
    }

    private static Charts.Series series(String name, List<MetricsLog.Entry> entries, boolean eval) {
        List<MetricsLog.Entry> kept = entries.stream().filter(e -> e.isEval() == eval).toList();
        double[] x = kept.stream().mapToDouble(MetricsLog.Entry::step).toArray();
        double[] y = kept.stream().mapToDouble(MetricsLog.Entry::value).toArray();
        return new Charts.Series(name, x, y);
    }
}
