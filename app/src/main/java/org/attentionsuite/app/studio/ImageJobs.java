package org.attentionsuite.app.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.sample.CompletionOptions;
import org.attentionsuite.image.sample.ImageCompletion;
import org.attentionsuite.image.sample.ImageCompletions;
import org.attentionsuite.image.sample.ImageSampler;
import org.attentionsuite.image.sample.ImageSamples;
import org.attentionsuite.image.sample.ImageSamplingOptions;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.image.train.ImageSource;

/**
 * The studio's image jobs, made by the functions {@code image sample} and {@code image complete}
 * call, with the options those commands would build: each job writes into its own folder what the
 * command line written into its PNGs makes, byte for byte. While the images are drawn, the
 * client gets their intensities ({@link ProgressEvents#images}) after an {@code image} event that
 * says where each sequence position goes in the picture.
 */
final class ImageJobs {
    /** {@code image complete}'s data when no picture is uploaded: the bundled Fashion-MNIST images. */
    static final String TEST_IMAGES = "bundled";

    private final JobContext context;

    ImageJobs(JobContext context) {
        this.context = context;
    }

    /** {@code ./suite image sample}: {@code model}, {@code count}, {@code class} and the sampling fields. */
    Jobs.Work sample(long id, Fields f) {
        String model = f.text("model");
        OptionalInt imageClass = f.optionalInteger("class");
        Path dir = context.outputs().folder(id);
        List<String> args = context.words(model, "image", "sample");
        int count = f.integer("count", 16);
        args.addAll(List.of("--count", Integer.toString(count)));
        imageClass.ifPresent(c -> args.addAll(List.of("--class", Integer.toString(c))));
        SamplingConfig sampling = f.sampling();
        String command = JobContext.command(args, sampling, dir);
        ImageSamplingOptions options = new ImageSamplingOptions(count, sampling, imageClass, dir, command);
        return job -> {
            TrainedImageModel m = context.models().image(model);
            announce(job, m.order(), count);
            ImageSamples s = ImageSampler.sample(m, options, ProgressEvents.images(job, m.order().length()));
            Map<String, Object> done = result(command, s.seconds(), s.grid());
            done.put("files", s.files().stream().map(context.outputs()::url).toList());
            done.put("images", rasters(s.images()));
            done.put("classes", s.images().hasLabels() ? s.images().labels() : null);
            return done;
        };
    }

    /**
     * {@code ./suite image complete}: {@code model}, {@code upload} (a picture's upload name, else
     * the test images), {@code count}, {@code perImage}, {@code rows}, {@code class} and the sampling
     * fields.
     */
    Jobs.Work complete(long id, Fields f) {
        String model = f.text("model");
        Optional<String> upload = f.optionalText("upload");
        String data = upload.map(name -> context.uploads().picture(name).toString()).orElse(TEST_IMAGES);
        Path dir = context.outputs().folder(id);
        List<String> args = context.words(model, "image", "complete");
        int count = f.integer("count", 8);
        if (count < 1) {
            throw new Http.Refusal(400, "count (" + count + ") must be positive");
        }
        int perImage = f.integer("perImage", 1);
        args.addAll(List.of("--data", data, "--count", Integer.toString(count), "--per-image",
                Integer.toString(perImage)));
        OptionalInt rows = f.optionalInteger("rows");
        OptionalInt imageClass = f.optionalInteger("class");
        rows.ifPresent(r -> args.addAll(List.of("--rows", Integer.toString(r))));
        imageClass.ifPresent(c -> args.addAll(List.of("--class", Integer.toString(c))));
        SamplingConfig sampling = f.sampling();
        String command = JobContext.command(args, sampling, dir);
        CompletionOptions options = new CompletionOptions(sampling, perImage, rows, imageClass, dir, command);
        return job -> {
            TrainedImageModel m = context.models().image(model);
            ImageOrder order = m.order();
            ImageSet images = ImageSplit.last(ImageSource.of(data, null).load(order.height(), order.width(),
                    order.channels()), count);
            announce(job, order, images.count() * perImage);
            ImageCompletions c = ImageCompletion.complete(m, images, options,
                    ProgressEvents.images(job, order.length()));
            Map<String, Object> done = result(command, c.seconds(), c.grid());
            done.put("originals", rasters(c.originals()));
            done.put("images", rasters(c.completions()));
            done.put("classes", classes(m, c, imageClass));
            done.put("keptRows", c.keptRows());
            return done;
        };
    }

    /** Tells the client the picture's geometry and where each sequence position goes in it. */
    private static void announce(Job job, ImageOrder order, int count) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("height", order.height());
        m.put("width", order.width());
        m.put("channels", order.channels());
        m.put("count", count);
        m.put("raster", order.permutation());
        job.post("image", m);
    }

    private Map<String, Object> result(String command, double seconds, Path grid) {
        Map<String, Object> done = JobContext.result(command);
        done.put("seconds", seconds);
        done.put("grid", context.outputs().url(grid));
        return done;
    }

    /** The class of each completion (completion {@code v·N + n} of original {@code n}), or null for an unconditional model. */
    private static int[] classes(TrainedImageModel m, ImageCompletions c, OptionalInt imageClass) {
        if (!m.conditional()) {
            return null;
        }
        int n = c.originals().count();
        int[] out = new int[c.completions().count()];
        for (int k = 0; k < out.length; k++) {
            out[k] = imageClass.isPresent() ? imageClass.getAsInt() : c.originals().label(k % n);
        }
        return out;
    }

    /** Each image's intensities in raster order (row, column, channel). */
    private static List<int[]> rasters(ImageSet images) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < images.count(); i++) {
            out.add(images.sequence(i));
        }
        return out;
    }
}
