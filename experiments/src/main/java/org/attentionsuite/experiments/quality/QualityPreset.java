package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.UserError;

/**
 * Model, data and training sizes of a comparison, named.
 *
 * @param id              command-line name
 * @param dModel          model width
 * @param heads           heads
 * @param layers          blocks
 * @param ffn             feed-forward width
 * @param batch           sequences per step
 * @param steps           optimizer steps per arm
 * @param evaluations     validations per run
 * @param learningRate    peak learning rate
 * @param warmupSteps     warm-up steps
 * @param trainImages     training images (of the 1,800 bundled ones kept for training)
 * @param validImages     validation images (of the last 200 bundled ones)
 * @param musicLength     chorale model length (tokens; 4 tokens per 16th-note step)
 * @param validChorales   validation chorales (0 = the whole valid split)
 */
public record QualityPreset(String id, int dModel, int heads, int layers, int ffn, int batch, long steps,
        int evaluations, double learningRate, int warmupSteps, int trainImages, int validImages, int musicLength,
        int validChorales) {
    public QualityPreset {
        if (dModel <= 0 || heads <= 0 || dModel % heads != 0 || layers <= 0 || ffn <= 0 || batch <= 0) {
            throw new UserError("preset " + id + ": sizes must be positive and heads (" + heads
                    + ") must divide d_model (" + dModel + ")");
        }
        if (trainImages <= 0 || validImages <= 0 || musicLength <= 0 || validChorales < 0) {
            throw new UserError("preset " + id + ": data sizes must be positive");
        }
        new QualityOptions(steps, evaluations, learningRate, warmupSteps, 0); // validates the rest
    }

    /**
     * Finishes a whole comparison in under about 10 minutes on 2 otherwise idle cores (estimated from
     * step times of about 0.8 s full, 0.4 s local 1D, 0.3 s local 2D on images): d 64, 4 heads, 2 layers, ffn 256, batch 8, 200 steps, 24
     * validation images, chorale crops of 256 tokens and 12 validation chorales.
     */
    public static QualityPreset quick() {
        return new QualityPreset("quick", 64, 4, 2, 256, 8, 200, 8, 3e-3, 20, 1800, 24, 256, 12);
    }

    /**
     * For larger machines: d 256, 8 heads, 6 layers, batch 8, 5,000 steps, all validation images and
     * chorales, chorale length 1024 (the Music Transformer's JSB setting is larger still).
     */
    public static QualityPreset paper() {
        return new QualityPreset("paper", 256, 8, 6, 1024, 8, 5000, 20, 1e-3, 400, 1800, 200, 1024, 0);
    }

    /** The preset called {@code id}: {@code quick} or {@code paper}. */
    public static QualityPreset byId(String id) {
        return switch (id) {
            case "quick" -> quick();
            case "paper" -> paper();
            default -> throw new UserError("unknown preset '" + id + "' (known: quick, paper)");
        };
    }

    public QualityPreset withSteps(long s) {
        return new QualityPreset(id, dModel, heads, layers, ffn, batch, s, evaluations, learningRate, warmupSteps,
                trainImages, validImages, musicLength, validChorales);
    }

    public QualityPreset withModel(int d, int h, int nLayers, int f) {
        return new QualityPreset(id, d, h, nLayers, f, batch, steps, evaluations, learningRate, warmupSteps,
                trainImages, validImages, musicLength, validChorales);
    }

    public QualityPreset withData(int nBatch, int nTrainImages, int nValidImages, int length, int nValidChorales) {
        return new QualityPreset(id, dModel, heads, layers, ffn, nBatch, steps, evaluations, learningRate, warmupSteps,
                nTrainImages, nValidImages, length, nValidChorales);
    }

    /** The training options of this preset. */
    public QualityOptions options(long seed) {
        return new QualityOptions(steps, evaluations, learningRate, warmupSteps, seed);
    }
}
