package org.attentionsuite.core.model;

import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.nn.Activation;

/**
 * Everything that defines a decoder-only Transformer's architecture, validated on construction.
 *
 * @param vocabSize        number of token ids {@code V}
 * @param dModel           model width {@code D}
 * @param heads            attention heads {@code H} (must divide {@code D})
 * @param layers           number of blocks
 * @param ffnDim           feed-forward width {@code F}
 * @param maxLength        longest sequence the model accepts
 * @param dropout          dropout rate on embeddings and residual branches, in {@code [0, 1)}
 * @param norm             pre- or post-norm residual blocks
 * @param activation       feed-forward non-linearity
 * @param position         absolute position signal
 * @param attention        the attention variant of every block
 * @param tiedOutput       whether the output projection reuses the token embedding
 * @param conditionClasses number of classes for class conditioning (0 = unconditional)
 */
public record ModelConfig(int vocabSize, int dModel, int heads, int layers, int ffnDim, int maxLength,
        double dropout, NormPlacement norm, Activation activation, PositionSpec position,
        AttentionSpec attention, boolean tiedOutput, int conditionClasses) {

    public ModelConfig {
        positive("vocabSize", vocabSize);
        positive("ffnDim", ffnDim);
        positive("maxLength", maxLength);
        new ModelSize(dModel, heads, layers, dropout);          // validates width, heads, depth, dropout
        if (conditionClasses < 0) {
            throw new UserError("conditionClasses (" + conditionClasses + ") must be >= 0");
        }
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(attention, "attention");
        attention.validate(maxLength, dModel, heads);
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new UserError(name + " (" + v + ") must be positive");
        }
    }

    /**
     * A config of {@code size} ({@code F = 4·D}) over {@code vocabSize} ids and sequences of up to
     * {@code maxLength}: full causal attention, sinusoidal positions, pre-norm, ReLU; the domain
     * modules replace attention and positions.
     */
    public static ModelConfig of(int vocabSize, ModelSize size, int maxLength) {
        return of(vocabSize, size.dModel(), size.heads(), size.layers(), size.ffnDim(), maxLength)
                .withDropout(size.dropout());
    }

    /** Width, heads, depth, dropout and feed-forward width. */
    public ModelSize size() {
        return new ModelSize(dModel, heads, layers, dropout, ffnDim);
    }

    /**
     * An upper bound on the parameter count, computed without building anything: embeddings,
     * output, positions and, per layer, the projections, norms and a relative table as large as
     * {@code maxLength·D}. Used to refuse absurd configs before allocating.
     */
    public long parameterBound() {
        long d = dModel;
        long perLayer = 4 * d * d + 4 * d + 2 * d * ffnDim + ffnDim + d + 4 * d + (long) maxLength * d;
        return (long) vocabSize * d * 2 + vocabSize + (long) conditionClasses * d + (long) maxLength * d
                + 2 * d + layers * perLayer;
    }

    /** A small default: full causal attention, sinusoidal positions, pre-norm, ReLU. */
    public static ModelConfig of(int vocabSize, int dModel, int heads, int layers, int ffnDim, int maxLength) {
        return new ModelConfig(vocabSize, dModel, heads, layers, ffnDim, maxLength, 0.0, NormPlacement.PRE,
                Activation.RELU, new Positions.Sinusoidal(), new FullCausalAttention.Spec(), false, 0);
    }

    /** Head width {@code D/H}. */
    public int headDim() {
        return dModel / heads;
    }

    public ModelConfig withVocabSize(int v) {
        return new ModelConfig(v, dModel, heads, layers, ffnDim, maxLength, dropout, norm, activation, position,
                attention, tiedOutput, conditionClasses);
    }

    public ModelConfig withMaxLength(int l) {
        return new ModelConfig(vocabSize, dModel, heads, layers, ffnDim, l, dropout, norm, activation, position,
                attention, tiedOutput, conditionClasses);
    }

    public ModelConfig withDropout(double d) {
        return new ModelConfig(vocabSize, dModel, heads, layers, ffnDim, maxLength, d, norm, activation, position,
                attention, tiedOutput, conditionClasses);
    }

    public ModelConfig withNorm(NormPlacement n) {
        return new ModelConfig(vocabSize, dModel, heads, layers, ffnDim, maxLength, dropout, n, activation,
                position, attention, tiedOutput, conditionClasses);
    }

    public ModelConfig withActivation(Activation a) {
        return new ModelConfig(vocabSize, dModel, heads, layers, ffnDim, maxLength, dropout, norm, a, position,
                attention, tiedOutput, conditionClasses);
    }

    public ModelConfig withPosition(PositionSpec p) {
        return new ModelConfig(vocabSize, dModel, heads, layers, ffnDim, maxLength, dropout, norm, activation, p,
                attention, tiedOutput, conditionClasses);
    }

    public ModelConfig withAttention(AttentionSpec a) {
        return new ModelConfig(vocabSize, dModel, heads, layers, ffnDim, maxLength, dropout, norm, activation,
                position, a, tiedOutput, conditionClasses);
    }

    public ModelConfig withTiedOutput(boolean t) {
        return new ModelConfig(vocabSize, dModel, heads, layers, ffnDim, maxLength, dropout, norm, activation,
                position, attention, t, conditionClasses);
    }

    public ModelConfig withConditionClasses(int k) {
        return new ModelConfig(vocabSize, dModel, heads, layers, ffnDim, maxLength, dropout, norm, activation,
                position, attention, tiedOutput, k);
    }

    public ModelConfig withSize(int d, int h, int nLayers, int ffn) {
        return new ModelConfig(vocabSize, d, h, nLayers, ffn, maxLength, dropout, norm, activation, position,
                attention, tiedOutput, conditionClasses);
    }
}
