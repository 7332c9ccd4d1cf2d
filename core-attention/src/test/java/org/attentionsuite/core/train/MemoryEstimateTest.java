package org.attentionsuite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.tensor.Precision;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
    @Test
    void aBufferBeyond2To31BytesIsRefusedEvenWhenMemoryIsPlenty() {
        // 10 million positions of width 64 (its position table): 640 million float32 values, 2.4 GB in one buffer
        ModelConfig config = ModelConfig.of(256, 64, 4, 1, 256, 16);
        MemoryEstimate e = MemoryEstimate.decoding(config, 100_000, 1, 10_000_001, Precision.FLOAT32);
        UserError error = assertThrows(UserError.class, () -> e.check("--tokens 10000001", 1L << 50));
        assertEquals("--tokens 10000001: one buffer would hold 640,000,064 values, more than the engine's limit of "
                + "536,870,911 (2^31 bytes); lower them", error.getMessage());
        MemoryEstimate.decoding(config, 100_000, 1, 8_000_001, Precision.FLOAT32).check("--tokens 8000001", 1L << 50);
    }
}
