package org.attentionsuite.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.train.DataSource;
import org.attentionsuite.core.train.SequenceCorpus;
import org.attentionsuite.experiments.report.Outputs;
import org.attentionsuite.image.order.BlockRasterOrder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quality comparisons on a few real bundled images and chorales, a handful of steps (losses, never timings). */
class QualityComparisonTest {
    /** d 16, 2 heads, 1 layer, batch 2, 8 steps, 16 training and 2 validation images, chorale crops of 32. */
    static final QualityPreset TINY = QualityPreset.quick().withModel(16, 2, 1, 32).withData(2, 16, 2, 32, 2)
            .withSteps(8);

    @Test
    void imageArmsTrainOnTheSameImagesAndReportBitsPerDim(@TempDir Path out) throws IOException {
        QualityTask task = QualityTasks.images(TINY);
        QualityOptions o = TINY.options(3).withSteps(8);
        QualityResult r = QualityComparison.run(task, o, line -> { });
        assertEquals(List.of("full", "local1d", "local2d"), r.arms().stream().map(QualityResult.ArmResult::label)
                .toList());
        assertEquals(List.of("bits/dim", "nats/token"), r.units());
        for (QualityResult.ArmResult a : r.arms()) {
            assertTrue(Double.isFinite(a.finalNats()) && a.finalNats() > 0, a.label() + ": " + a.finalNats());
            assertEquals(a.finalNats() / Math.log(2), a.finalInUnits().get(0), 1e-12);
            assertEquals(a.finalNats(), a.finalInUnits().get(1), 1e-12);
            assertEquals(8, a.steps());
            assertTrue(a.secondsPerStep() > 0 && a.wallSeconds() > 0);
            assertEquals(0, a.curve().get(0).step());
            assertEquals(8, a.curve().get(a.curve().size() - 1).step());
            // before training the model is near uniform over 257 tokens: ~ln 257 nats
            assertEquals(Math.log(257), a.curve().get(0).nats(), 0.3);
            assertTrue(a.finalNats() < a.curve().get(0).nats(), a.label() + " did not learn");
        }
        List<Path> written = QualityWriter.write(r, out, "./suite compare images --steps 8 --out " + out);
        for (Path p : written) {
            assertTrue(Files.size(p) > 0, p + " is empty");
        }
        String md = Files.readString(Outputs.result(out, "compare-images.md"));
        assertTrue(md.contains("| local2d |") && md.contains("validation bits/dim"), md);
        assertTrue(md.contains("](../charts/compare-images.png)"));
    }

    @Test
    void choraleArmsReportNatsPerTokenAndPerNote(@TempDir Path out) {
        Path file = Stream.of("../../shared/data/jsb-chorales/Jsb16thSeparated.json",
                "../shared/data/jsb-chorales/Jsb16thSeparated.json").map(Path::of).filter(Files::isRegularFile)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(file != null, "JSB chorales not present beside the project; skipped");
        QualityResult r = QualityComparison.run(QualityTasks.chorales(file, TINY), TINY.options(5).withSteps(6),
                line -> { });
        assertEquals(List.of("absolute", "relative"), r.arms().stream().map(QualityResult.ArmResult::label).toList());
        for (QualityResult.ArmResult a : r.arms()) {
            double token = a.finalInUnits().get(0);
            double note = a.finalInUnits().get(1);
            assertTrue(Double.isFinite(token) && token > 0, a.label());
            assertTrue(note >= token, "nats/note " + note + " < nats/token " + token); // rests and EOS cost too
        }
        QualityWriter.write(r, out, "./suite compare chorales --out " + out);
        assertTrue(Files.isRegularFile(Outputs.chart(out, "compare-chorales.png")));
    }

    @Test
    void missingChoraleFileIsAUserError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QualityTasks.chorales(Path.of("no/such/file.json"), TINY));
        assertTrue(e.getMessage().startsWith("chorale file not found: no/such/file.json"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QualityPreset.byId("huge"));
    }

    @Test
    void blockRasterViewReordersTargetsAndShiftsInputs() {
        // a 4x4 image with 2x2 blocks; intensities = raster index so the permutation is visible
        BlockRasterOrder order = new BlockRasterOrder(4, 4, 1, 2, 2);
        int start = 99;
        int[] image = new int[17];
        image[0] = start;
        for (int i = 0; i < 16; i++) {
            image[i + 1] = i;
        }
        DataSource raster = new SequenceCorpus(List.of(image), List.of(image), 1, 16, start);
        BlockRasterView view = new BlockRasterView(raster, order, start);
        Batch b = view.validationBatches().get(0);
        // block-raster order of a 4x4 image in 2x2 blocks: block 0 = raster 0,1,4,5; block 1 = 2,3,6,7; ...
        int[] expected = {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15};
        assertArrayEquals(expected, b.targets());
        int[] inputs = new int[16];
        inputs[0] = start;
        System.arraycopy(expected, 0, inputs, 1, 15);
        assertArrayEquals(inputs, b.inputs());
        Batch t = view.trainBatch(new Random(1));
        assertArrayEquals(expected, t.targets());
        assertTrue(view.fingerprint().endsWith("+block-raster(2x2)"));
    }

    @Test
    void natsPerNoteCountsOnlyPitchTargets() {
        // targets: two pitches, one rest (128), one EOS (130), one ignored (−1)
        Batch b = new Batch(new int[5], new int[] {60, 62, 128, 130, -1}, 1, 5, null);
        assertEquals(2.0 * 4 / 2, new LossUnit.NatsPerNote().convert(2.0, List.of(b)), 1e-12);
        assertEquals(1.0, new LossUnit.BitsPerDim().convert(Math.log(2), List.of(b)), 1e-12);
    }
}
