package org.attentionsuite.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.nn.Dropout;
import org.attentionsuite.core.nn.Embedding;
import org.attentionsuite.core.nn.LayerNorm;
import org.attentionsuite.core.nn.Linear;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.nn.PositionEncoding;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Elementwise;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Softmax;

/**
 * A decoder-only Transformer language model over token ids:
 * {@code x0 = Drop(s·E[tok] + pos + C[class])} with {@code s} from the position spec ({@code √D}
 * for sinusoids, else 1), {@code x_{l+1} = block_l(x_l)},
 * {@code logits = LN_f(x_L)·W_out + b} (or {@code ·Eᵀ} when tied), trained with cross-entropy.
 *
 * <p>{@link #forward} keeps every activation in preallocated buffers sized for the largest batch
 * seen; {@link #backward} turns them into gradients in {@link #params()}. Decoding uses a separate
 * {@link DecodingState}.
 */
public final class DecoderModel {
    private final ModelConfig config;
    private final Precision precision;
    private final Params params = new Params();
    private final Embedding tokens;
    private final double embeddingScale;
    private final Embedding classes;
    private final PositionEncoding positions;
    private final List<DecoderBlock> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear output;
    private final Dropout dropout;
    private final Random dropoutRng;

    private Activations act;
    /**
     * The activations of the other row count last used: training alternates with evaluations whose
     * last batch is smaller, and rebuilding the buffers at each switch left the old ones to the GC
     * (their tiny, long-lived Java owners are collected late, so native memory grew every evaluation).
     */
    private Activations spare;
    private Batch lastBatch;
    private double lastScale;
    private boolean lastTraining;

    /** Builds and initialises the model from {@code seed} (same seed, same weights). */
    public DecoderModel(ModelConfig config, Precision precision, long seed) {
        this(config, precision, seed, null);
    }

    /** Builds the layers; their weights are initialised from {@code seed}, or are {@code shared}'s. */
    private DecoderModel(ModelConfig config, Precision precision, long seed, DecoderModel shared) {
        this.config = config;
        this.precision = precision;
        int d = config.dModel();
        // The position scheme decides the token scale: √D for sinusoids (Vaswani et al. 2017, §3.4),
        // else 1 with GPT-style std-0.02 embeddings (√D there makes Adam move embeddings √D times
        // faster, measured to stall small relative-attention models).
        embeddingScale = config.position().tokenEmbeddingScale(d);
        tokens = new Embedding(params, "token", config.vocabSize(), d,
                embeddingScale == 1.0 ? 0.02 : 1.0 / embeddingScale);
        classes = config.conditionClasses() > 0 ? new Embedding(params, "class", config.conditionClasses(), d, 0.02)
                : null;
        positions = config.position().create(params, precision, config.maxLength(), d);
        for (int i = 0; i < config.layers(); i++) {
            blocks.add(config.norm() == NormPlacement.PRE ? new PreNormBlock(config, i, params, precision)
                    : new PostNormBlock(config, i, params, precision));
        }
        finalNorm = config.norm() == NormPlacement.PRE ? new LayerNorm(params, "final.ln", d) : null;
        output = config.tiedOutput() ? null : new Linear(params, "output", d, config.vocabSize(), true, 0.02);
        dropout = new Dropout(config.dropout());
        dropoutRng = new Random(seed ^ 0x5DEECE66DL);
        if (shared == null) {
            params.allocate(precision, seed);
        } else {
            params.shareValues(shared.params);
        }
    }

    /**
     * A replica of this model: the same layers over the same weights (shared, not copied, so it
     * sees every update), with gradients, activations and a dropout stream of its own. Replicas
     * compute the gradients of micro-batches side by side; none may run while the weights change.
     */
    public DecoderModel replica() {
        return new DecoderModel(config, precision, 0, this);
    }

    public ModelConfig config() {
        return config;
    }

    public Precision precision() {
        return precision;
    }

    public Params params() {
        return params;
    }

    /** Reseeds the dropout generator (for resuming a run exactly). */
    public void reseedDropout(long seed) {
        dropoutRng.setSeed(seed);
    }

    /** Activations for {@code N} rows. */
    private final class Activations {
        final int rows;
        final Mat[] xs;        // layers+1 of (N, D): block inputs/outputs
        final Mat mask0;       // (N, D)
        final Mat hf;          // (N, D) final LN output
        final Mat logits;      // (N, V), then dLogits
        final Mat dx;          // (N, D)
        final Mat dy;          // (N, D)
        final LayerNorm.Saved lnf;
        final List<BlockBuffers> buffers = new ArrayList<>();
        Mat scratch;           // (N, V) dLogits, allocated on first use

        Activations(int rows) {
            this.rows = rows;
            int d = config.dModel();
            xs = new Mat[config.layers() + 1];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = Mat.zeros(precision, rows, d);
            }
            mask0 = Mat.zeros(precision, rows, d);
            hf = Mat.zeros(precision, rows, d);
            logits = Mat.zeros(precision, rows, config.vocabSize());
            dx = Mat.zeros(precision, rows, d);
            dy = Mat.zeros(precision, rows, d);
            lnf = new LayerNorm.Saved(rows);
            for (DecoderBlock b : blocks) {
                buffers.add(b.newBuffers(precision, rows, true));
            }
        }
    }

    private Activations activations(int rows) {
        if (act == null || act.rows != rows) {
            Activations previous = act;
            act = spare != null && spare.rows == rows ? spare : new Activations(rows);
            spare = previous;
        }
        return act;
    }

    /**
     * Forward pass with loss. Returns the mean cross-entropy in nats over counted targets; the
     * logits stay readable through {@link #logits()} until {@link #backward()}, which then gives
     * the gradient of that mean.
     */
    public double forward(Batch batch, boolean training) {
        int n = batch.countedTargets();
        double sum = lossSum(batch, training, n == 0 ? 0 : 1.0 / n);
        return n == 0 ? 0 : sum / n;
    }

    /**
     * Forward pass with loss. Returns the summed cross-entropy in nats over the counted targets;
     * {@link #backward()} then gives the gradient of {@code gradientScale·sum} (a micro-batch's
     * share of a larger batch's mean loss when {@code gradientScale} is one over that batch's
     * counted targets). The logits stay readable through {@link #logits()} until then.
     */
    public double lossSum(Batch batch, boolean training, double gradientScale) {
        int b = batch.batch();
        int l = batch.length();
        if (l > config.maxLength()) {
            throw new IllegalArgumentException("sequence length " + l + " exceeds the model's maxLength "
                    + config.maxLength());
        }
        Activations a = activations(b * l);
        Mat x0 = a.xs[0];                                                   // (N, D)
        tokens.forward(batch.inputs(), x0, false);
        if (embeddingScale != 1.0) {
            Elementwise.scale(x0, embeddingScale);                             // s · E[tok]
        }
        positions.addTo(x0, b, l, 0);
        if (classes != null) {
            addClasses(x0, batch.conditions(), b, l);
        }
        if (dropout.active(training)) {
            dropout.forward(x0, a.mask0, dropoutRng);
        }
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).forward(a.xs[i], a.xs[i + 1], a.buffers.get(i), b, l, training, dropoutRng);
        }
        projectToLogits(a.xs[blocks.size()], a.hf, a.logits, a.lnf);       // (N, V)
        lastBatch = batch;
        lastScale = gradientScale;
        lastTraining = training;
        // Training: loss and d(scale·loss)/d(logits) in one pass, the gradient into the scratch
        // buffer (the logits stay readable); evaluation: the loss only.
        return Softmax.crossEntropy(a.logits, batch.targets(), training ? gradientScale : 0, scratchLogits(a));
    }

    private Mat scratchLogits(Activations a) {
        if (a.scratch == null) {
            a.scratch = Mat.zeros(precision, a.logits.rows(), a.logits.cols());
        }
        return a.scratch;
    }

    /**
     * Where query position {@code query} of sequence {@code b} looked in layer {@code layer} during
     * the last forward pass: {@code (H, query + 1)} ({@link org.attentionsuite.core.attention.Attention#weights}).
     */
    public double[][] attentionWeights(int layer, int b, int query) {
        return blocks.get(layer).attention.weights(b, query);
    }

    /** Logits {@code (N, V)} of the last forward pass. */
    public Mat logits() {
        return act.logits;
    }

    /**
     * Backward pass of the last {@link #forward}: accumulates {@code d(mean loss)/dθ} into the
     * parameter gradients (call {@code params().zeroGrads()} first for a fresh gradient).
     */
    public void backward() {
        Activations a = act;
        Batch batch = lastBatch;
        int b = batch.batch();
        int l = batch.length();
        Mat dLogits = scratchLogits(a);                                     // (N, V)
        if (lastScale == 0) {
            dLogits.zero();                                                 // nothing counted: no gradient
        } else if (!lastTraining) {                                         // forward did not make it
            Softmax.crossEntropy(a.logits, batch.targets(), lastScale, dLogits);
        }
        Mat dx = a.dx;
        Mat dy = a.dy;
        Mat xl = a.xs[blocks.size()];
        if (finalNorm != null) {
            outputBackward(a.hf, dLogits, dy);                              // dy = d hf
            dx.zero();
            finalNorm.backward(dy, xl, a.lnf, dx);                          // dx = d x_L
        } else {
            outputBackward(xl, dLogits, dx);
        }
        for (int i = blocks.size() - 1; i >= 0; i--) {
            blocks.get(i).backward(a.xs[i], dx, dy, a.buffers.get(i), b, l, lastTraining);
            Mat t = dx;
            dx = dy;
            dy = t;
        }
        if (dropout.active(lastTraining)) {
            dropout.backward(dx, a.mask0);
        }
        positions.backward(dx, b, l, 0);
        if (classes != null) {
            classesBackward(dx, batch.conditions(), b, l);
        }
        if (embeddingScale != 1.0) {
            Elementwise.scale(dx, embeddingScale);                             // d(s·E) = s·dx
        }
        tokens.backward(batch.inputs(), dx);
    }

    /** Starts incremental decoding of {@code batch} sequences of up to {@code capacity} tokens. */
    public DecodingState newDecodingState(int batch, int capacity, int[] conditions) {
        if (capacity > config.maxLength()) {
            throw new IllegalArgumentException("decoding length " + capacity + " exceeds the model's maxLength "
                    + config.maxLength());
        }
        if (classes != null && (conditions == null || conditions.length != batch)) {
            throw new IllegalArgumentException("this model is class-conditional: give one class per sequence");
        }
        List<AttentionCache> caches = new ArrayList<>();
        List<BlockBuffers> bufs = new ArrayList<>();
        for (DecoderBlock blk : blocks) {
            caches.add(blk.attention.newCache(batch, capacity));
            bufs.add(blk.newBuffers(precision, batch, false));
        }
        int d = config.dModel();
        return new DecodingState(caches, bufs, Mat.zeros(precision, batch, d), Mat.zeros(precision, batch, d),
                Mat.zeros(precision, batch, d), Mat.zeros(precision, batch, config.vocabSize()), conditions);
    }

    /**
     * Feeds one token per sequence at the state's next position and returns the logits
     * {@code (B, V)} for the position after it. The returned window is reused by the next call.
     */
    public Mat step(DecodingState s, int[] ids) {
        int b = s.batch();
        if (ids.length != b) {
            throw new IllegalArgumentException("expected " + b + " ids, got " + ids.length);
        }
        tokens.forward(ids, s.x, false);                                    // (B, D)
        if (embeddingScale != 1.0) {
            Elementwise.scale(s.x, embeddingScale);
        }
        // Position t of every sequence: the encoding for a (B, 1) block of rows.
        positions.addTo(s.x, b, 1, s.position);
        if (classes != null) {
            addClasses(s.x, s.conditions, b, 1);
        }
        Mat in = s.x;
        Mat out = s.y;
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).step(in, out, s.buffers.get(i), s.caches.get(i));
            Mat t = in;
            in = out;
            out = t;
        }
        projectToLogits(in, s.hf, s.logits, s.finalNorm);
        s.position++;
        return s.logits;
    }

    private void projectToLogits(Mat x, Mat hf, Mat logits, LayerNorm.Saved saved) {
        Mat h = x;
        if (finalNorm != null) {
            finalNorm.forward(x, hf, saved);
            h = hf;
        }
        if (output != null) {
            output.forward(h, logits, false);                               // (N, V)
        } else {
            Blas.get().gemm(h, false, tokens.table().value(), true, logits, 1, 0); // h·Eᵀ
        }
    }

    private void outputBackward(Mat h, Mat dLogits, Mat dh) {
        if (output != null) {
            output.backward(h, dLogits, dh, false);
        } else {
            Blas.get().gemm(dLogits, true, h, false, tokens.table().grad(), 1, 1); // dE += dLᵀ h
            Blas.get().gemm(dLogits, false, tokens.table().value(), false, dh, 1, 0); // dh = dL E
        }
    }

    private void addClasses(Mat x, int[] conditions, int b, int l) {
        if (conditions == null) {
            throw new IllegalArgumentException("this model is class-conditional: the batch needs class ids");
        }
        for (int s = 0; s < b; s++) {
            int[] ids = new int[l];
            java.util.Arrays.fill(ids, conditions[s]);
            classes.forward(ids, x.rows(s * l, l), true);
        }
    }

    private void classesBackward(Mat dx, int[] conditions, int b, int l) {
        for (int s = 0; s < b; s++) {
            int[] ids = new int[l];
            java.util.Arrays.fill(ids, conditions[s]);
            classes.backward(ids, dx.rows(s * l, l));
        }
    }

    /** Number of parameters. */
    public int parameterCount() {
        return params.size();
    }
}
