package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.model.ModelSize;

/** Comparison presets small enough for unit tests. */
public final class TestPresets {
    private TestPresets() {
    }

    /**
     * d 16, 2 heads, 1 layer, batch 2 for both tasks (dropout 0.1 for chorales, windows of 32
     * tokens, warm-up 1), at most {@code steps} steps, evaluating every {@code evalEvery}.
     */
    public static ComparisonPreset tiny(long steps, int evalEvery, int patience) {
        return new ComparisonPreset("tiny", new ComparisonPreset.ImageArms(new ModelSize(16, 2, 1, 0.0), 2, 3e-3, steps,
                false, 1800, 180), new ComparisonPreset.ChoraleArms(new ModelSize(16, 2, 1, 0.1), 2, 1e-3, steps, 1, 32),
                evalEvery, patience);
    }
}
