package org.attentionsuite.app.models;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attentionsuite.experiments.evaluate.Score;

/**
 * What the suite records about one shipped model ({@code models/NAME.ckpt}): the file, how it was
 * trained (recipe, exact command, data fingerprint, steps, wall time) and how it scores: on the
 * validation data that chose its checkpoint, on test data that neither training nor that choice
 * saw, and on a small fixed slice that a unit test re-evaluates in seconds, so a change that breaks
 * the shipped weights fails the build. {@code suite models verify} re-runs the full measurements.
 *
 * @param name           the model's name ({@code --model NAME})
 * @param file           the checkpoint's file name in {@code models/}
 * @param sha256         the checkpoint's SHA-256
 * @param bytes          its size
 * @param dtype          how the weights are stored: {@code float32} or {@code float16}
 * @param parameters     trainable parameters
 * @param summary        the model in one line (attention, sizes)
 * @param recipe         the recipe that trained it ({@code recipes/RECIPE.json})
 * @param command        the command that trained it, as its checkpoint recorded it
 * @param dataFingerprint SHA-256 of the training data, as its checkpoint recorded it
 * @param steps          training steps of the packed weights
 * @param bestValidation best validation loss of the run, in {@link #validationUnit}
 * @param validationUnit unit of the validation loss
 * @param wallHours      training wall time
 * @param machine        where it trained (cores, sharing), for reading the wall time
 * @param validation     the score on the validation data that chose the checkpoint (early stopping),
 *                       as {@code evaluate --split valid} (or the chorales' {@code valid} split) gives it
 * @param test           the score on test data neither training nor the choice of checkpoint saw
 * @param slice          the score on the first few items of the test data, re-checked by the tests
 * @param note           anything a reader of the numbers should know (may be empty)
 */
public record ModelCard(String name, String file, String sha256, long bytes, String dtype, long parameters,
        String summary, String recipe, String command, String dataFingerprint, long steps, double bestValidation,
        String validationUnit, double wallHours, String machine, Measured validation, Measured test, Measured slice,
        String note) {

    /**
     * One evaluation: the {@code suite evaluate} arguments (besides the model) and what they gave.
     *
     * @param args       the data arguments of {@code suite evaluate}
     * @param data       the data as {@code evaluate} named it
     * @param targets    predicted tokens counted
     * @param value      the loss in {@code unit}
     * @param unit       bits/dim, nats/token or nats/event
     * @param second     a second measure (nats/note for chorales), else NaN
     * @param secondUnit its unit, or null
     * @param samples    sample-quality measures, if any were asked for, in name order (so the
     *                   generated README does not depend on a map's hash order)
     * @param sampleErrors the standard error of each sample measure, by the same names
     */
    public record Measured(List<String> args, String data, long targets, double value, String unit, double second,
            String secondUnit, Map<String, Double> samples, Map<String, Double> sampleErrors) {
        public Measured {
            args = List.copyOf(args);
            samples = samples == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(samples));
            sampleErrors = sampleErrors == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sampleErrors));
        }

        /** What {@code score} measured with {@code args}. */
        public static Measured of(List<String> args, Score score) {
            return new Measured(args, score.data(), score.targets(), score.value(), score.unit(), score.second(),
                    score.secondUnit(), score.samples(), score.sampleErrors());
        }
    }
}
