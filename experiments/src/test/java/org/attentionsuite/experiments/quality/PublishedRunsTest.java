package org.attentionsuite.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attentionsuite.music.train.MusicSource;
import org.junit.jupiter.api.Test;

/**
 * The comparison's published runs ({@code experiments/report/runs/<task>/<arm>/seed-<n>/run.json})
 * are runs today's code makes at the quick preset: {@code compare --runs experiments/report/runs}
 * reuses each of them instead of silently training it again, so the published numbers are
 * reproducible with today's options.
 */
class PublishedRunsTest {
    private static final Path RUNS = Stream.of(Path.of("report", "runs"), Path.of("experiments", "report", "runs"))
            .filter(Files::isDirectory).findFirst().orElse(Path.of("report", "runs"));

    @Test
    void everyPublishedRunWasMadeWithTodaysQuickPreset() throws IOException {
        ComparisonPreset quick = ComparisonPreset.quick();
        Map<String, Comparison> comparisons = Map.of("images", new Comparison.Images(quick),
                "chorales", new Comparison.Chorales(quick, new MusicSource.BundledChorales()));
        List<Path> records;
        try (Stream<Path> files = Files.walk(RUNS)) {
            records = files.filter(f -> f.getFileName().toString().equals(ComparisonRunner.RUN_FILE)).sorted().toList();
        }
        assertFalse(records.isEmpty(), "no run.json under " + RUNS.toAbsolutePath());
        for (Path record : records) {
            Path dir = record.getParent();                                  // <task>/<arm>/seed-<n>
            Comparison c = comparisons.get(dir.getParent().getParent().getFileName().toString());
            assertNotNull(c, record + ": not under images/ or chorales/");
            Comparison.Arm arm = c.arms().stream()
                    .filter(a -> a.name().equals(dir.getParent().getFileName().toString())).findFirst().orElse(null);
            assertNotNull(arm, record + ": not an arm of " + c.name());
            long seed = Long.parseLong(dir.getFileName().toString().substring("seed-".length()));
            assertNotNull(ComparisonRunner.finished(dir, ComparisonRunner.optionsOf(c, arm, seed)),
                    record + " was made with other options than today's quick preset");
        }
    }
}
