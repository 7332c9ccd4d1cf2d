package org.attentionsuite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attentionsuite.core.UserError;
import org.junit.jupiter.api.Test;

/** The shapes of {@code --schedule}, against their formulas written out. */
class ScheduleTest {
    private static final double PEAK = 3e-3;
    private static final int WARMUP = 200;

    @Test
    void inverseSqrtWarmsUpLinearlyThenDecaysAsOneOverTheRootOfTheStepWhateverTheBudget() {
        for (long budget : new long[] {1_000, 100_000}) {
            LearningRateSchedule r = Schedule.INVERSE_SQRT.rates(Schedule.COSINE, PEAK, WARMUP, budget, 64);
            for (long step : new long[] {1, 50, 199, 200, 201, 800, 999}) {
                double expected = step <= WARMUP ? PEAK * step / WARMUP : PEAK * Math.sqrt((double) WARMUP / step);
                assertEquals(expected, r.rate(step), 1e-15 * PEAK, "budget " + budget + ", step " + step);
            }
        }
        assertEquals(PEAK / 2, Schedule.INVERSE_SQRT.rates(Schedule.COSINE, PEAK, WARMUP, 10, 512).rate(4 * WARMUP),
                1e-15 * PEAK);                                          // the model width cancels out
    }

    @Test
    void cosineWarmsUpThenFallsToATenthOfThePeakAtTheBudgetAndStaysThere() {
        long budget = 1_200;
        LearningRateSchedule r = Schedule.COSINE.rates(Schedule.INVERSE_SQRT, PEAK, WARMUP, budget, 64);
        for (long step : new long[] {1, 100, 200, 450, 700, 950, 1_200, 5_000}) {
            double progress = Math.min(1.0, (step - WARMUP) / 1_000.0);
            double expected = step <= WARMUP ? PEAK * step / WARMUP
                    : PEAK / 10 + 0.5 * (PEAK - PEAK / 10) * (1 + Math.cos(Math.PI * progress));
            assertEquals(expected, r.rate(step), 1e-15 * PEAK, "step " + step);
        }
    }

    @Test
    void defaultIsTheDomainsOwnShape() {
        for (long step : new long[] {10, 200, 700, 3_000}) {
            assertEquals(Schedule.COSINE.rates(Schedule.INVERSE_SQRT, PEAK, WARMUP, 3_000, 64).rate(step),
                    Schedule.DEFAULT.rates(Schedule.COSINE, PEAK, WARMUP, 3_000, 64).rate(step));
            assertEquals(Schedule.INVERSE_SQRT.rates(Schedule.COSINE, PEAK, WARMUP, 3_000, 64).rate(step),
                    Schedule.DEFAULT.rates(Schedule.INVERSE_SQRT, PEAK, WARMUP, 3_000, 64).rate(step));
        }
        assertThrows(IllegalArgumentException.class,
                () -> Schedule.DEFAULT.rates(Schedule.DEFAULT, PEAK, WARMUP, 3_000, 64));
    }

    @Test
    void namesRoundTripAndAnUnknownNameIsAUserError() {
        for (Schedule s : Schedule.values()) {
            assertEquals(s, Schedule.byId(s.id()));
        }
        UserError e = assertThrows(UserError.class, () -> Schedule.byId("linear"));
        assertEquals("--schedule 'linear' is unknown (known: default, cosine, inverse-sqrt)", e.getMessage());
        assertThrows(UserError.class, () -> new TrainingOptions(10, 1, 1e-3, 0, 0, 0, 1, null));
        assertEquals(Schedule.DEFAULT, new TrainingOptions(10, 1, 1e-3, 0, 0, 0, 1).schedule());
    }

    @Test
    void aDomainsDefaultsAreShareOfTheStepsWithinOneAndTheirCap() {
        TrainingDefaults d = new TrainingDefaults(Schedule.COSINE, 10, 200, 5, 500);
        assertEquals(1, d.warmup(5));
        assertEquals(3, d.warmup(30));
        assertEquals(200, d.warmup(100_000));
        assertEquals(1, d.evalEvery(4));
        assertEquals(6, d.evalEvery(30));
        assertEquals(500, d.evalEvery(100_000));
        TrainConfig c = d.trainConfig(new TrainingOptions(1_000, 1, PEAK, 0, 0, 0, 7), 64);
        assertEquals(200, c.evalEvery());
        assertEquals(7, c.seed());
        assertEquals(Schedule.COSINE.rates(Schedule.COSINE, PEAK, 100, 1_000, 64).rate(50), c.schedule().rate(50));
        TrainConfig given = d.trainConfig(new TrainingOptions(1_000, 1, PEAK, 40, 30, 0, 7, Schedule.INVERSE_SQRT), 64);
        assertEquals(30, given.evalEvery());
        assertEquals(Schedule.INVERSE_SQRT.rates(Schedule.COSINE, PEAK, 40, 1_000, 64).rate(50),
                given.schedule().rate(50));
        assertThrows(IllegalArgumentException.class, () -> new TrainingDefaults(Schedule.DEFAULT, 10, 200, 5, 500));
    }
}
