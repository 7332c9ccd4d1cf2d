package org.attentionsuite.experiments.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.attention.Geometry;
import org.attentionsuite.core.model.ModelSize;

/**
 * What the cost sweep measures, validated on construction.
 *
 * @param lengths            sequence lengths {@code L} of the 1D variants, increasing
 * @param imageSides         image sides of local 2D ({@code L = side²}, one channel), increasing
 * @param dModel             model width {@code D}
 * @param heads              heads {@code H}; the default {@code H = 1}, {@code Dh = D = 64} reads per head
 * @param batch              sequences per call {@code B}
 * @param repetitions        timed calls per point (median, min and max are reported)
 * @param warmup             untimed calls before them (at least the first call, which is the one whose
 *                           allocations are measured, is always untimed)
 * @param variants           the variants, in table order
 * @param maxSeconds         time budget of one point: a point predicted to need more is skipped, and a
 *                           point that runs over it stops after its current call
 * @param memoryCapBytes     a point whose analytic bytes exceed this is skipped ("needs X GiB")
 * @param memoryCheckLength  length of the paper's skewed-vs-pairwise memory check (0 = none)
 * @param seed               seed of the random inputs and tables
 */
public record SweepOptions(List<Integer> lengths, List<Integer> imageSides, int dModel, int heads, int batch,
        int repetitions, int warmup, List<AttentionVariant> variants, double maxSeconds, long memoryCapBytes,
        int memoryCheckLength, long seed) {
    /** 4 GiB: fits the paper's memory check (pairwise at {@code L = 2048} needs 2.03 GiB). */
    public static final long DEFAULT_MEMORY_CAP = 4L << 30;

    public SweepOptions {
        lengths = List.copyOf(lengths);
        imageSides = List.copyOf(imageSides);
        variants = List.copyOf(variants);
        increasing("lengths", lengths);
        increasing("image sides", imageSides);
        new ModelSize(dModel, heads, 1, 0.0);                  // heads divide the width
        if (batch <= 0) {
            throw new UserError("batch (" + batch + ") must be positive");
        }
        if (repetitions < 1 || warmup < 0) {
            throw new UserError("repetitions (" + repetitions + ") must be >= 1 and warmup ("
                    + warmup + ") >= 0");
        }
        if (variants.isEmpty()) {
            throw new UserError("no variants to sweep");
        }
        if (!(maxSeconds > 0)) {
            throw new UserError("max seconds per point (" + maxSeconds + ") must be positive");
        }
        if (memoryCapBytes <= 0) {
            throw new UserError("memory cap (" + memoryCapBytes + " bytes) must be positive");
        }
        if (memoryCheckLength < 0) {
            throw new UserError("memory check length (" + memoryCheckLength + ") must be >= 0");
        }
        for (AttentionVariant v : variants) {
            if (!Variants.sequential(v)) {
                if (imageSides.isEmpty()) {
                    throw new UserError(v.id() + " needs at least one image side (--sides)");
                }
                for (int side : imageSides) {
                    v.spec(new Geometry.Image(side, side, 1));       // the catalogue's geometry fits the side
                }
            } else if (lengths.isEmpty()) {
                throw new UserError(v.id() + " needs at least one length (--lengths)");
            }
        }
    }

    private static void increasing(String what, List<Integer> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) <= 0) {
                throw new UserError(what + " must be positive, got " + values.get(i));
            }
            if (i > 0 && values.get(i) <= values.get(i - 1)) {
                throw new UserError(what + " must be increasing, got " + values);
            }
        }
    }

    /**
     * The paper-scale sweep: lengths 256..4096, sides 16, 32, 64, one head of {@code Dh = 64},
     * batch 1, 5 repetitions after 2 warm-up calls, the six default variants, 120 s per point,
     * a cap of {@link #DEFAULT_MEMORY_CAP}, memory check at {@code L = 2048}.
     */
    public static SweepOptions defaults() {
        return new SweepOptions(List.of(256, 512, 1024, 2048, 4096), List.of(16, 32, 64), 64, 1, 1, 5, 2,
                Variants.sweepDefaults(), 120, DEFAULT_MEMORY_CAP, 2048, 1);
    }

    /** {@link #defaults()} at lengths 256..1024, sides 16 and 32, 3 repetitions. */
    public static SweepOptions quick() {
        SweepOptions d = defaults();
        return new SweepOptions(List.of(256, 512, 1024), List.of(16, 32), d.dModel, d.heads, d.batch, 3, d.warmup,
                d.variants, d.maxSeconds, d.memoryCapBytes, d.memoryCheckLength, d.seed);
    }

    /** Head width {@code Dh = D / H}. */
    public int headDim() {
        return dModel / heads;
    }

    /**
     * The {@code ./suite sweep} arguments that reproduce these options (only the default geometry
     * of each variant can be named on the command line; other geometries are listed by label).
     */
    public String command(String outFolder) {
        SweepOptions d = defaults();
        List<String> a = new ArrayList<>(List.of("./suite", "sweep"));
        a.add("--lengths");
        a.add(join(lengths));
        a.add("--sides");
        a.add(join(imageSides));
        a.add("--repetitions");
        a.add(String.valueOf(repetitions));
        if (warmup != d.warmup) {
            a.add("--untimed");
            a.add(String.valueOf(warmup));
        }
        if (dModel != d.dModel || heads != d.heads) {
            a.add("--d-model");
            a.add(String.valueOf(dModel));
            a.add("--heads");
            a.add(String.valueOf(heads));
        }
        if (batch != d.batch) {
            a.add("--batch");
            a.add(String.valueOf(batch));
        }
        if (!variants.equals(d.variants)) {
            a.add("--attention");
            a.add(variants.stream().map(AttentionVariant::id).collect(Collectors.joining(",")));
        }
        if (maxSeconds != d.maxSeconds) {
            a.add("--max-seconds");
            a.add(String.format(Locale.ROOT, "%s", maxSeconds));
        }
        if (memoryCapBytes != d.memoryCapBytes) {
            a.add("--memory-cap-gib");
            a.add(String.format(Locale.ROOT, "%s", memoryCapBytes / (double) (1L << 30)));
        }
        if (memoryCheckLength != d.memoryCheckLength) {
            a.add("--memory-check-length");
            a.add(String.valueOf(memoryCheckLength));
        }
        a.add("--out");
        a.add(outFolder);
        return String.join(" ", a);
    }

    private static String join(List<Integer> v) {
        return v.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
