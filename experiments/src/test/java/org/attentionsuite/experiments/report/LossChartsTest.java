package org.attentionsuite.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossChartsTest {
    @TempDir
    Path dir;

    private Path run(String name) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.writeString(run.resolve("metrics.jsonl"), String.join("\n",
                "{\"kind\":\"train\",\"step\":10,\"wall_s\":1.0,\"loss\":4.0,\"value\":5.77,\"unit\":\"bits/dim\"}",
                "{\"kind\":\"eval\",\"step\":10,\"wall_s\":1.1,\"loss\":3.6,\"value\":5.19,\"unit\":\"bits/dim\"}", ""));
        return run;
    }

    @Test
    void compareRunsOfOneSeedAreToldApartByTheirArm() throws IOException {
        // compare writes <arm>/seed-<n>: the folders' own names are the same
        List<Path> runs = List.of(run("images/full/seed-1"), run("images/local2d/seed-1"));
        assertEquals(List.of("full/seed-1", "local2d/seed-1"), LossCharts.names(runs));
        Path chart = LossCharts.overlay(runs, dir.resolve("plot.png"), true);
        assertTrue(Files.size(chart) > 0);
    }

    @Test
    void aRunIsNamedByItsFolderAndGivenOnce() throws IOException {
        assertEquals(List.of("image-full", "image-local2d"), LossCharts.names(List.of(run("image-full"),
                run("image-local2d"))));
        assertEquals(List.of("a"), LossCharts.names(List.of(run("a"))));
        assertEquals(List.of("a", "a/b"), LossCharts.names(List.of(run("a"), run("a/b"))));
        Path a = run("a");
        UserError twice = assertThrows(UserError.class, () -> LossCharts.overlay(List.of(a, dir.resolve("x/../a")),
                dir.resolve("plot.png"), false));
        assertEquals(dir.resolve("a") + " is given twice", twice.getMessage());
    }
}
