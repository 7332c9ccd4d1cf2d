package org.attentionsuite.experiments.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.eval.ImageClassifier;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.music.chorale.Chorale;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.chorale.ChoraleEncoding;
import org.attentionsuite.music.eval.ChoraleStatistics;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.generate.Primer;
import org.attentionsuite.music.model.MusicEncoding;

/**
 * Sample quality beyond likelihood (samples can be poor at a good NLL): for class-conditional image
 * models, how often a classifier trained on real images recognises the class a sample was drawn
 * for; for chorale models, the voicing and pitch-class statistics of sampled chorales next to the
 * same numbers for Bach's. Every number is a fraction or a distance in {@code [0, 1]}, and comes with
 * its sampling error ({@link Measures#errors}): the standard error a new draw of the same size would
 * scatter by.
 */
public final class SampleQuality {
    /** Epochs of the judging classifier. */
    static final int CLASSIFIER_EPOCHS = 10;
    /** Images sampled in one batch. */
    static final int IMAGE_BATCH = 50;
    /** Bootstrap resamples of the sampled chorales. */
    static final int BOOTSTRAP = 200;

    private SampleQuality() {
    }

    /**
     * Measures of samples, by name, and the standard error of each: for a fraction of {@code n}
     * independent items (images classified, test images), the binomial {@code √(p(1 − p)/n)}; for a
     * statistic of sampled chorales, the standard deviation of the statistic over {@value #BOOTSTRAP}
     * bootstrap resamples of the chorales (steps of one chorale are not independent); 0 for a number
     * of fixed data (Bach's test split), which no draw changes.
     *
     * @param values the measures
     * @param errors their standard errors, by the same names
     */
    public record Measures(Map<String, Double> values, Map<String, Double> errors) {
        public Measures {
            values = new LinkedHashMap<>(values);
            errors = new LinkedHashMap<>(errors);
        }
    }

    /** The binomial standard error of a fraction {@code p} of {@code n} independent items. */
    static double binomial(double p, int n) {
        return Math.sqrt(p * (1 - p) / n);
    }

    /** The standard deviation of {@code statistic} over bootstrap resamples of {@code items} (seed {@code seed}). */
    static <T> double bootstrap(List<T> items, ToDoubleFunction<List<T>> statistic, long seed) {
        Random random = new Random(seed);
        double[] values = new double[BOOTSTRAP];
        for (int b = 0; b < BOOTSTRAP; b++) {
            List<T> resample = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                resample.add(items.get(random.nextInt(items.size())));
            }
            values[b] = statistic.applyAsDouble(resample);
        }
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (BOOTSTRAP - 1));
    }

    /**
     * Samples {@code count} images, the classes in turn, from a class-conditional {@code model};
     * judges them with a classifier trained on {@code train} and tested on {@code test}.
     *
     * @return {@code classifier_test_accuracy} and {@code samples_classified_as_requested}
     */
    public static Measures images(TrainedImageModel model, ImageSet train, ImageSet test, int count,
            SamplingConfig sampling) {
        if (!model.conditional()) {
            throw new UserError("--samples judges class-conditional image models; this one has no classes");
        }
        checkImages(model, count);
        ImageClassifier judge = ImageClassifier.train(train, model.classes(), CLASSIFIER_EPOCHS, 1);
        int[] wanted = new int[count];
        List<int[]> images = new ArrayList<>();
        for (int from = 0; from < count; from += IMAGE_BATCH) {
            int n = Math.min(IMAGE_BATCH, count - from);
            int[] classes = new int[n];
            int[][] primers = new int[n][0];
            for (int i = 0; i < n; i++) {
                classes[i] = (from + i) % model.classes();
                wanted[from + i] = classes[i];
            }
            SamplingConfig batchSampling = new SamplingConfig(sampling.temperature(), sampling.topK(),
                    sampling.topP(), sampling.seed() + from);
            for (int[] raster : model.generate(primers, batchSampling, classes, null)) {
                images.add(raster);
            }
        }
        ImageSet samples = ImageSet.fromSequences(model.order().height(), model.order().width(),
                model.order().channels(), images);
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        double accuracy = judge.accuracy(test);
        out.put("classifier_test_accuracy", accuracy);
        errors.put("classifier_test_accuracy", binomial(accuracy, test.count()));
        double agreement = judge.accuracy(samples, wanted);
        out.put("samples_classified_as_requested", agreement);
        errors.put("samples_classified_as_requested", binomial(agreement, count));
        return new Measures(out, errors);
    }

    /** Checks, before anything is sampled, that {@link #images} can hold {@code count} samples. */
    public static void checkImages(TrainedImageModel model, int count) {
        model.checkMemory(count, Math.min(IMAGE_BATCH, count), "--samples " + count);
    }

    /** Checks, before anything is sampled, that {@link #chorales} can hold {@code count} samples of {@code tokens}. */
    public static void checkChorales(MusicGenerator generator, int count, int tokens) {
        generator.checkMemory(count, tokens, "--samples " + count + ", --tokens " + tokens);
    }

    /**
     * Samples {@code count} chorales of at most {@code tokens} tokens from scratch and measures them
     * against {@code data}'s test split; the test split's own numbers (and the distance between the
     * valid and test splits) are the ceiling.
     */
    public static Measures chorales(MusicGenerator generator, ChoraleDataset data, int count, int tokens,
            SamplingConfig sampling) {
        if (generator.encoding() != MusicEncoding.CHORALE) {
            throw new UserError("--samples judges chorale models and class-conditional image models");
        }
        checkChorales(generator, count, tokens);
        List<Chorale> sampled = new ArrayList<>();
        int[] start = generator.primerTokens(Primer.start());
        for (int i = 0; i < count; i++) {
            SamplingConfig s = new SamplingConfig(sampling.temperature(), sampling.topK(), sampling.topP(),
                    sampling.seed() + i);
            sampled.add(ChoraleEncoding.decode(generator.sample(start, tokens, 0, s, null).tokens()));
        }
        double[] test = ChoraleStatistics.pitchClasses(data.test());
        ToDoubleFunction<List<Chorale>> distance =
                c -> ChoraleStatistics.distance(ChoraleStatistics.pitchClasses(c), test);
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        out.put("samples_voicing_in_satb_range_and_order", ChoraleStatistics.voicing(sampled));
        errors.put("samples_voicing_in_satb_range_and_order",
                bootstrap(sampled, ChoraleStatistics::voicing, sampling.seed()));
        out.put("test_voicing_in_satb_range_and_order", ChoraleStatistics.voicing(data.test()));
        errors.put("test_voicing_in_satb_range_and_order", 0.0);
        out.put("samples_vs_test_pitch_class_distance", distance.applyAsDouble(sampled));
        errors.put("samples_vs_test_pitch_class_distance", bootstrap(sampled, distance, sampling.seed()));
        out.put("valid_vs_test_pitch_class_distance", distance.applyAsDouble(data.valid()));
        errors.put("valid_vs_test_pitch_class_distance", 0.0);
        return new Measures(out, errors);
    }
}
