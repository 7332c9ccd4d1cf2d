package org.attentionsuite.app.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attentionsuite.experiments.evaluate.Score;
import org.junit.jupiter.api.Test;

/** How {@code models verify} decides that a number measured again is the recorded one. */
class VerificationTest {
    private static final ModelCard.Measured RECORDED = new ModelCard.Measured(List.of("--chorales", "bundled"),
            "test", 1000, 0.3909, "nats/token", 0.3928, "nats/note",
            Map.of("samples_voicing_in_satb_range_and_order", 0.90, "test_voicing_in_satb_range_and_order", 0.956),
            Map.of());

    private static Score now(double value, double voicing, double se) {
        return new Score("m", "test", 1000, value, value, "nats/token", 0.3928, "nats/note",
                Map.of("samples_voicing_in_satb_range_and_order", voicing, "test_voicing_in_satb_range_and_order",
                        0.956),
                Map.of("samples_voicing_in_satb_range_and_order", se, "test_voicing_in_satb_range_and_order", 0.0));
    }

    @Test
    void lossesAgreeWithin1e4AndSampleMeasuresWithinThreeStandardErrorsOfTwoDraws() {
        List<Verification.Row> rows = Verification.compare("m", "test", RECORDED, now(0.39095, 0.93, 0.01));
        assertEquals(List.of("test targets", "test nats/token", "test nats/note",
                "samples voicing in satb range and order", "test voicing in satb range and order"),
                rows.stream().map(Verification.Row::measure).toList());
        assertTrue(rows.stream().allMatch(Verification.Row::passed), rows.toString());
        assertEquals(3 * Math.sqrt(2) * 0.01, rows.get(3).tolerance(), 1e-12, "3·√2·se of today's draw");
        assertEquals(Verification.LOSS_TOLERANCE, rows.get(4).tolerance(), "fixed data: no sampling error");

        assertFalse(Verification.compare("m", "test", RECORDED, now(0.3911, 0.90, 0.01)).get(1).passed(),
                "a loss 2e-4 off");
        assertFalse(Verification.compare("m", "test", RECORDED, now(0.3909, 0.95, 0.01)).get(3).passed(),
                "a sample measure 0.05 off with a standard error of 0.01");
        assertFalse(new Verification.Row("m", "x", 1, Double.NaN, 1).passed(), "a number that went missing");
        assertTrue(new Verification.Row("m", "x", Double.NaN, Double.NaN, 1).passed(), "none recorded, none now");
    }
}
