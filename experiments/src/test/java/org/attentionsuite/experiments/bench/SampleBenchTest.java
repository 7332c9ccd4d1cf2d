package org.attentionsuite.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.junit.jupiter.api.Test;

class SampleBenchTest {
    @Test
    void bothWaysOfDecodingAreTimedFromTwoTokensOn() {
        SampleBench.Result r = SampleBench.run(SampleBench.model(new FullCausalAttention.Spec(), 2, false), 4, 1, 1);
        assertEquals(2, r.length());
        assertTrue(r.cachedSeconds() > 0 && r.recomputeSeconds() > 0);
    }

    @Test
    void aLengthOfOneHasNoPrefixToRecompute() {
        // bench sample --lengths 1 stopped with Batch's IllegalArgumentException and a stack trace
        UserError e = assertThrows(UserError.class,
                () -> SampleBench.run(SampleBench.model(new FullCausalAttention.Spec(), 1, false), 4, 1, 1));
        assertEquals("length 1: the recomputation runs over the L - 1 tokens before the last, so L must be at "
                + "least 2", e.getMessage());
    }
}
