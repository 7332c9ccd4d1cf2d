package org.attentionsuite.experiments.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.attention.Geometry;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;
import org.attentionsuite.experiments.report.Markdown;
import org.attentionsuite.music.model.MusicAttention;

/**
 * Measures time and memory of attention variants over sequence lengths (a benchmark: nothing here
 * is asserted on timings).
 *
 * <p>Per (variant, length) point: a fresh instance is built ({@code spec.create}, then
 * {@code params.allocate} for the relative tables); random {@code qkv (B·L, 3D)} and
 * {@code dOut (B·L, D)} are allocated with {@code out} and {@code dqkv}; then
 * {@link Storage#allocatedBytes()} is read around the first {@code forward} + {@code backward}, so
 * the measured bytes are the variant's own arrays only. After {@code max(1, warmup)} untimed calls,
 * {@code repetitions} calls are timed, forward and backward separately. Points whose analytic bytes
 * exceed the memory cap, or whose predicted time (the previous point's median scaled by
 * {@code (L/L_prev)²}, the worst case of the variants here) exceeds the budget, are skipped with a
 * note.
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code Dh} head width,
 * {@code D = H·Dh}.
 */
public final class CostSweep {
    private static final Precision PRECISION = Precision.FLOAT32;
    private static final double GIB = 1L << 30;

    private CostSweep() {
    }

    /** Runs the sweep; {@code log} receives one line per point. */
    public static SweepResult run(SweepOptions o, Consumer<String> log) {
        List<SweepRow> rows = new ArrayList<>();
        List<SweepResult.Slope> slopes = new ArrayList<>();
        for (AttentionVariant v : o.variants()) {
            List<SweepRow> mine = new ArrayList<>();
            SweepRow previous = null;
            List<Geometry> points = points(o, v);
            points.stream().filter(g -> analyticBytes(o, v, g) <= o.memoryCapBytes()).findFirst()
                    .ifPresent(g -> warmUpJit(o, v, g));
            for (Geometry g : points) {
                SweepRow r = point(o, v, g, previous);
                log.accept(describe(r));
                mine.add(r);
                if (r.measured()) {
                    previous = r;
                }
            }
            rows.addAll(mine);
            slopes.add(slope(v.id(), mine));
        }
        Optional<SweepResult.MemoryCheck> check = o.memoryCheckLength() > 0
                ? Optional.of(memoryCheck(o, log)) : Optional.empty();
        return new SweepResult(o, rows, slopes, check);
    }

    /** The points of {@code v}: the lengths, or square one-channel images of the sides for local 2D. */
    static List<Geometry> points(SweepOptions o, AttentionVariant v) {
        List<Geometry> out = new ArrayList<>();
        if (Variants.sequential(v)) {
            o.lengths().forEach(l -> out.add(new Geometry.Tokens(l)));
        } else {
            o.imageSides().forEach(side -> out.add(new Geometry.Image(side, side, 1)));
        }
        return out;
    }

    /** Untimed calls before a variant's first point: at least this many, and at least one second. */
    static final int JIT_WARMUP_CALLS = 20;

    /**
     * Runs the variant's smallest point within the memory cap untimed until the JIT has compiled its
     * kernels, so that the first measured point is not charged for compilation (without it, L = 256
     * of the first variant measured slower than L = 1024 and the fitted exponents meant nothing).
     */
    private static void warmUpJit(SweepOptions o, AttentionVariant v, Geometry g) {
        Instance in = Instance.create(o, v, g);
        long end = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < JIT_WARMUP_CALLS || System.nanoTime() < end; i++) {
            in.attention.forward(in.qkv, in.out, o.batch(), g.length());
            in.attention.backward(in.dOut, in.dqkv);
        }
    }

    /** One point, or a skipped row with its reason. */
    static SweepRow point(SweepOptions o, AttentionVariant v, Geometry g, SweepRow previous) {
        int b = o.batch();
        int h = o.heads();
        int dh = o.headDim();
        long analyticBytes = analyticBytes(o, v, g);
        double fwdFlops = v.spec(g).forwardFlops(b, h, dh, g.length());
        if (analyticBytes > o.memoryCapBytes()) {
            return skipped(v, g, String.format(Locale.ROOT, "skipped (needs %.2f GiB > cap %.2f GiB)",
                    analyticBytes / GIB, o.memoryCapBytes() / GIB), analyticBytes, fwdFlops);
        }
        if (previous != null) {
            double ratio = (double) g.length() / previous.length();
            double predicted = previous.forwardBackward().median() * ratio * ratio
                    * (Math.max(1, o.warmup()) + o.repetitions());
            if (predicted > o.maxSeconds()) {
                return skipped(v, g, String.format(Locale.ROOT, "skipped (estimated %.0f s > budget %.0f s)",
                        predicted, o.maxSeconds()), analyticBytes, fwdFlops);
            }
        }
        Measured m = measure(o, v, g);
        return new SweepRow(v.id(), g.length(), side(g), true, m.note, m.forward, m.forwardBackward, m.bytes,
                analyticBytes, fwdFlops, 3 * fwdFlops);
    }

    /** Bytes of the variant's own arrays at {@code g}, by its analytic formula. */
    private static long analyticBytes(SweepOptions o, AttentionVariant v, Geometry g) {
        return v.spec(g).analyticElements(o.batch(), o.heads(), o.headDim(), g.length()) * PRECISION.bytes();
    }

    private static int side(Geometry g) {
        return g instanceof Geometry.Image img ? img.height() : 0;
    }

    private static SweepRow skipped(AttentionVariant v, Geometry g, String note, long analyticBytes, double fwdFlops) {
        return new SweepRow(v.id(), g.length(), side(g), false, note, Stats.NONE, Stats.NONE, -1, analyticBytes,
                fwdFlops, 3 * fwdFlops);
    }

    private record Measured(Stats forward, Stats forwardBackward, long bytes, String note) {
    }

    /** Builds a fresh instance at {@code g} and times it; see the class comment. */
    private static Measured measure(SweepOptions o, AttentionVariant v, Geometry g) {
        System.gc(); // release the native buffers of earlier points before allocating large new ones
        Instance in = Instance.create(o, v, g);
        int b = o.batch();
        int l = g.length();
        long before = Storage.allocatedBytes();
        long t0 = System.nanoTime();
        in.attention.forward(in.qkv, in.out, b, l);                           // (B·L, D)
        in.attention.backward(in.dOut, in.dqkv);                              // (B·L, 3D)
        double first = (System.nanoTime() - t0) / 1e9;
        long bytes = Storage.allocatedBytes() - before;
        long budgetStart = t0;
        if (first > o.maxSeconds()) {
            return new Measured(Stats.NONE, Stats.of(new double[] {first}), bytes,
                    String.format(Locale.ROOT, "1 cold call only (%.0f s > budget %.0f s)", first, o.maxSeconds()));
        }
        for (int w = 1; w < o.warmup(); w++) {
            in.attention.forward(in.qkv, in.out, b, l);
            in.attention.backward(in.dOut, in.dqkv);
        }
        double[] fwd = new double[o.repetitions()];
        double[] fb = new double[o.repetitions()];
        int done = 0;
        String note = "";
        for (int r = 0; r < o.repetitions(); r++) {
            long s0 = System.nanoTime();
            in.attention.forward(in.qkv, in.out, b, l);
            long s1 = System.nanoTime();
            in.attention.backward(in.dOut, in.dqkv);
            long s2 = System.nanoTime();
            fwd[done] = (s1 - s0) / 1e9;
            fb[done] = (s2 - s0) / 1e9;
            done++;
            if ((s2 - budgetStart) / 1e9 > o.maxSeconds() && r + 1 < o.repetitions()) {
                note = done + " of " + o.repetitions() + " calls (budget " + Markdown.num(o.maxSeconds(), 3) + " s)";
                break;
            }
        }
        return new Measured(Stats.of(Arrays.copyOf(fwd, done)), Stats.of(Arrays.copyOf(fb, done)),
                bytes, note);
    }

    /** A fresh variant with its inputs: everything allocated before the measured call. */
    private record Instance(Attention attention, Mat qkv, Mat out, Mat dOut, Mat dqkv) {
        static Instance create(SweepOptions o, AttentionVariant v, Geometry g) {
            int d = o.dModel();
            int rows = o.batch() * g.length();
            Params params = new Params();
            Attention a = v.spec(g).create(new AttentionContext("sweep", d, o.heads(), g.length(), params,
                    PRECISION));
            params.allocate(PRECISION, o.seed());                             // relative tables, if any
            Random rng = new Random(o.seed() ^ g.length());
            Mat qkv = random(rng, rows, 3 * d);                               // (B·L, 3D)
            Mat out = Mat.zeros(PRECISION, rows, d);                          // (B·L, D)
            Mat dOut = random(rng, rows, d);                                  // (B·L, D)
            Mat dqkv = Mat.zeros(PRECISION, rows, 3 * d);                     // (B·L, 3D)
            return new Instance(a, qkv, out, dOut, dqkv);
        }

        private static Mat random(Random rng, int rows, int cols) {
            Mat m = Mat.zeros(PRECISION, rows, cols);
            Storage s = m.s();
            for (int i = 0, n = rows * cols; i < n; i++) {
                s.set(i, rng.nextGaussian());
            }
            return m;
        }
    }

    /**
     * The paper's memory check (Huang et al. 2018, §3.4.1): one head of {@code Dh} at length
     * {@code L = o.memoryCheckLength()}, bytes of the skewed and the pairwise variant side by side
     * with {@code (L·Dh + L²)·4} and {@code L²·Dh·4}. The pairwise variant only runs when its
     * analytic bytes fit under the memory cap.
     */
    static SweepResult.MemoryCheck memoryCheck(SweepOptions o, Consumer<String> log) {
        int l = o.memoryCheckLength();
        int dh = o.headDim();
        SweepOptions one = new SweepOptions(o.lengths(), o.imageSides(), dh, 1, o.batch(), 1, 0, o.variants(),
                o.maxSeconds(), o.memoryCapBytes(), l, o.seed());
        Geometry g = new Geometry.Tokens(l);
        AttentionVariant skewed = MusicAttention.RELATIVE;
        AttentionVariant pairwise = MusicAttention.RELATIVE_PAIRWISE;
        long skewedBytes = bytesOfFirstCall(one, skewed, g);
        long pairwiseNeeds = pairwise.spec(g).analyticElements(1, 1, dh, l) * PRECISION.bytes();
        long pairwiseBytes = -1;
        String note = "";
        if (pairwiseNeeds > o.memoryCapBytes()) {
            note = String.format(Locale.ROOT, "skipped (needs %.2f GiB > cap %.2f GiB)", pairwiseNeeds / GIB,
                    o.memoryCapBytes() / GIB);
        } else {
            pairwiseBytes = bytesOfFirstCall(one, pairwise, g);
        }
        long l2 = (long) l * l;
        SweepResult.MemoryCheck c = new SweepResult.MemoryCheck(l, dh, skewedBytes,
                ((long) l * dh + l2) * PRECISION.bytes(), pairwiseBytes, l2 * dh * PRECISION.bytes(), note);
        log.accept(String.format(Locale.ROOT, "memory check L=%d Dh=%d: skewed %s (analytic %s), pairwise %s "
                + "(analytic %s)", l, dh, Markdown.bytes(c.skewedMeasured()), Markdown.bytes(c.skewedAnalytic()),
                pairwiseBytes < 0 ? note : Markdown.bytes(pairwiseBytes), Markdown.bytes(c.pairwiseAnalytic())));
        return c;
    }

    private static long bytesOfFirstCall(SweepOptions o, AttentionVariant v, Geometry g) {
        System.gc();
        Instance in = Instance.create(o, v, g);
        long before = Storage.allocatedBytes();
        in.attention.forward(in.qkv, in.out, o.batch(), g.length());
        in.attention.backward(in.dOut, in.dqkv);
        return Storage.allocatedBytes() - before;
    }

    /** Least-squares slopes over the measured rows of one variant. */
    static SweepResult.Slope slope(String variant, List<SweepRow> rows) {
        List<double[]> time = new ArrayList<>();
        List<double[]> mem = new ArrayList<>();
        for (SweepRow r : rows) {
            if (!r.measured()) {
                continue;
            }
            double x = Math.log(r.length());
            if (r.forwardBackward().median() > 0) {
                time.add(new double[] {x, Math.log(r.forwardBackward().median())});
            }
            if (r.measuredBytes() > 0) {
                mem.add(new double[] {x, Math.log(r.measuredBytes())});
            }
        }
        return new SweepResult.Slope(variant, leastSquaresSlope(time), leastSquaresSlope(mem),
                (int) rows.stream().filter(SweepRow::measured).count());
    }

    /** Slope of the least-squares line through {@code (x, y)} points; NaN with fewer than two distinct x. */
    public static double leastSquaresSlope(List<double[]> points) {
        int n = points.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0];
            my += p[1];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** One log line for a row. */
    static String describe(SweepRow r) {
        if (!r.measured()) {
            return String.format(Locale.ROOT, "%-22s L=%-5d %s", r.variant(), r.length(), r.note());
        }
        return String.format(Locale.ROOT, "%-22s L=%-5d fwd %s s, fwd+bwd %s s, memory %s (analytic %s)%s",
                r.variant(), r.length(), Markdown.num(r.forward().median(), 3),
                Markdown.num(r.forwardBackward().median(), 3), Markdown.bytes(r.measuredBytes()),
                Markdown.bytes(r.analyticBytes()), r.note().isEmpty() ? "" : " [" + r.note() + "]");
    }
}
