package org.attentionsuite.image.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.attentionsuite.core.UserError;
import org.attentionsuite.image.ImageDataException;
import org.attentionsuite.image.data.BundledImages;
import org.attentionsuite.image.data.Cifar10Reader;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.data.ColorMode;
import org.attentionsuite.image.data.DataFormat;
import org.attentionsuite.image.data.FolderImages;
import org.attentionsuite.image.data.IdxReader;
import org.attentionsuite.image.data.ImageFolderReader;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSets;

/**
 * Where training images come from, one record per format. {@link #load} returns the images fitted
 * to the requested {@code H x W x C} ({@link ImageSets#fit}), or, under {@link Fit#REFUSE}, refuses
 * images of another size, or colour images for a gray model (an evaluation scores data of the
 * model's own geometry; gray images for a colour model lose nothing and are read).
 */
public sealed interface ImageSource {
    /** The {@code --data} value of the bundled images. */
    String BUNDLED = "bundled";

    /** What to do with images whose size or channels are not the ones asked for. */
    enum Fit {
        /** Resize them and convert gray to RGB or RGB to gray, as training does. */
        CONVERT,
        /** Refuse them if they would be resized or lose their colour, naming their geometry and the one asked for. */
        REFUSE
    }

    /** Reads the images and fits them to {@code height x width x channels}. */
    default ImageSet load(int height, int width, int channels) {
        return load(height, width, channels, Fit.CONVERT);
    }

    /**
     * Reads the images as {@code height x width x channels}, converting or refusing others as
     * {@code fit} says.
     *
     * @throws ImageDataException under {@link Fit#REFUSE}, naming the data, its geometry and the one
     *     asked for, when an image would have to be resized or turned from colour into gray
     */
    ImageSet load(int height, int width, int channels, Fit fit);

    /** A short description for logs and provenance, e.g. {@code "idx:/data/fashion"}. */
    String label();

    /**
     * The names of the classes of these images: Fashion-MNIST for the bundled subset and for IDX
     * files under a path that says {@code fashion}, CIFAR-10 for CIFAR-10 batches, else
     * {@link ClassNames#UNKNOWN} (IDX files may be MNIST digits or Fashion-MNIST garments).
     */
    ClassNames classNames();

    /** The first 2,000 Fashion-MNIST test images bundled in the jar (28x28 gray, labelled). */
    record Bundled() implements ImageSource {
        @Override
        public ImageSet load(int height, int width, int channels, Fit fit) {
            return fitted(this, BundledImages.fashionMnist2k(), height, width, channels, fit);
        }

        @Override
        public String label() {
            return BUNDLED;
        }

        @Override
        public ClassNames classNames() {
            return ClassNames.FASHION_MNIST;
        }
    }

    /**
     * IDX files (MNIST, Fashion-MNIST): a folder, read as its {@code train-*images-idx3-ubyte[.gz]}
     * with the matching {@code *labels-idx1-ubyte[.gz]} if present, or an images file itself. A
     * folder without a {@code train-} images file is refused rather than read as another images file
     * it holds: a folder of only {@code t10k-*} files would otherwise train (and fit the judging
     * classifier) on the test set.
     */
    record Idx(Path path) implements ImageSource {
        public Idx {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public ImageSet load(int height, int width, int channels, Fit fit) {
            Path images = Files.isDirectory(path) ? pick(path) : path;
            Path labels = images.resolveSibling(images.getFileName().toString().replace("images-idx3", "labels-idx1"));
            ImageSet set = !labels.equals(images) && Files.isRegularFile(labels) ? IdxReader.read(images, labels)
                    : IdxReader.readImages(images);
            return fitted(this, set, height, width, channels, fit);
        }

        private static Path pick(Path dir) {
            List<Path> found = list(dir, name -> name.contains("images-idx3-ubyte"));
            if (found.isEmpty()) {
                throw new ImageDataException(dir + ": no IDX image file (*images-idx3-ubyte or *images-idx3-ubyte.gz)");
            }
            return found.stream().filter(p -> p.getFileName().toString().startsWith("train")).findFirst()
                    .orElseThrow(() -> new ImageDataException(dir + ": no train-*images-idx3-ubyte[.gz] file (it "
                            + "holds " + found.get(0).getFileName() + "); give the file's path to read that one"));
        }

        @Override
        public String label() {
            return "idx:" + path;
        }

        @Override
        public ClassNames classNames() {
            return path.toString().toLowerCase(Locale.ROOT).contains("fashion") ? ClassNames.FASHION_MNIST
                    : ClassNames.UNKNOWN;
        }
    }

    /** CIFAR-10 binary batches: a folder (its {@code data_batch_*.bin}, else every {@code *.bin}) or one file. */
    record Cifar(Path path) implements ImageSource {
        public Cifar {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public ImageSet load(int height, int width, int channels, Fit fit) {
            List<Path> files;
            if (Files.isDirectory(path)) {
                files = batchFiles(path);
                if (files.isEmpty()) {
                    throw new ImageDataException(path + ": no CIFAR-10 batch file (data_batch_*.bin)");
                }
            } else {
                files = List.of(path);
            }
            return fitted(this, Cifar10Reader.read(files), height, width, channels, fit);
        }

        /** The batch files of a folder: its {@code data_batch_*.bin}, else every {@code *.bin}. */
        static List<Path> batchFiles(Path dir) {
            List<Path> files = list(dir, name -> name.startsWith("data_batch_") && name.endsWith(".bin"));
            return files.isEmpty() ? list(dir, name -> name.endsWith(".bin")) : files;
        }

        @Override
        public String label() {
            return "cifar:" + path;
        }

        @Override
        public ClassNames classNames() {
            return ClassNames.CIFAR10;
        }
    }

    /** A folder of PNG, JPEG and GIF files read recursively, or one such file, resized (unlabelled). */
    record Folder(Path path) implements ImageSource {
        public Folder {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public ImageSet load(int height, int width, int channels, Fit fit) {
            ColorMode mode = channels == 1 ? ColorMode.GRAY : ColorMode.RGB;
            FolderImages read = new ImageFolderReader(height, width, mode).read(path);
            if (fit == Fit.REFUSE && !read.fitted().isEmpty()) {
                throw new ImageDataException(label() + ": " + read.fitted().size() + " of " + read.loaded()
                        + " pictures are not " + geometry(height, width, channels) + " (first: " + read.fitted().get(0)
                        + "); " + FIT_HINT);
            }
            return read.images();
        }

        @Override
        public String label() {
            return "folder:" + path;
        }

        @Override
        public ClassNames classNames() {
            return ClassNames.UNKNOWN;
        }
    }

    /** How a refusal under {@link Fit#REFUSE} says what to do. */
    String FIT_HINT = "give images of the model's size and colour, or --fit to resize and convert them as training does";

    /** {@code set} as {@code height x width x channels}, converted or refused as {@code fit} says. */
    private static ImageSet fitted(ImageSource source, ImageSet set, int height, int width, int channels, Fit fit) {
        boolean lossless = set.height() == height && set.width() == width && set.channels() <= channels;
        if (!lossless && fit == Fit.REFUSE) {                   // gray repeated into R, G and B loses nothing
            throw new ImageDataException(source.label() + ": its images are " + geometry(set.height(), set.width(),
                    set.channels()) + ", not " + geometry(height, width, channels) + "; " + FIT_HINT);
        }
        return ImageSets.fit(set, height, width, channels);
    }

    /** {@code "28x28 gray"}, {@code "16x16 RGB"}. */
    private static String geometry(int height, int width, int channels) {
        return width + "x" + height + (channels == 1 ? " gray" : " RGB");
    }

    /**
     * The source named on a command line: {@code "bundled"}, or a path read as {@code format}
     * ({@code idx}, {@code cifar} or {@code folder}; {@code null} = decided from the content, see
     * {@link #detect}).
     */
    static ImageSource of(String data, String format) {
        if (data.equals(BUNDLED)) {
            if (format != null) {
                throw new UserError("--format applies to a path, not to the bundled data");
            }
            return new Bundled();
        }
        Path path = Path.of(data);
        if (!Files.exists(path)) {
            throw new ImageDataException(path + ": no such file or folder (give a path or 'bundled')");
        }
        if (format == null) {
            return detect(path);
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "idx" -> new Idx(path);
            case "cifar" -> new Cifar(path);
            case "folder" -> new Folder(path);
            default -> throw new UserError("unknown --format '" + format + "' (known: idx, cifar, folder)");
        };
    }

    /**
     * Decides the format of an existing path from the content of its files ({@link DataFormat}).
     *
     * <p>A file is read as what it holds: IDX images, a CIFAR-10 batch, or one PNG/JPEG/GIF picture
     * (a one-image set, e.g. to complete your own picture); an IDX label file, an empty file or
     * anything else is refused. A folder is IDX if it holds a {@code *images-idx3-ubyte[.gz]} file;
     * CIFAR-10 if the batch files its loader would read ({@code data_batch_*.bin}, else {@code *.bin})
     * include a real batch; a folder of pictures otherwise, so that a stray {@code .bin} file among
     * pictures does not change the format. A folder holding both pictures and CIFAR-10 batches is
     * refused as ambiguous.
     */
    static ImageSource detect(Path path) {
        if (!Files.isDirectory(path)) {
            DataFormat format = DataFormat.of(path);
            return switch (format) {
                case IDX_IMAGES -> new Idx(path);
                case CIFAR10 -> new Cifar(path);
                case IMAGE -> new Folder(path);
                case IDX_LABELS, EMPTY, UNKNOWN -> throw DataFormat.refusal(path, format);
            };
        }
        if (!list(path, n -> n.contains("images-idx3-ubyte")).isEmpty()) {
            return new Idx(path);
        }
        List<Path> candidates = Cifar.batchFiles(path);
        long batches = candidates.stream().filter(f -> DataFormat.of(f) == DataFormat.CIFAR10).count();
        int pictures = ImageFolderReader.imageFiles(path).size();
        if (batches == 0 && pictures == 0 && !candidates.isEmpty()) {
            Path first = candidates.get(0);
            throw new ImageDataException(path + ": holds no pictures, and its batch files are not CIFAR-10 ("
                    + DataFormat.refusal(first, DataFormat.of(first)).getMessage() + ")");
        }
        if (batches == 0) {
            return new Folder(path);
        }
        if (pictures > 0) {
            throw new ImageDataException(path + ": holds both images (" + pictures + ") and CIFAR-10 batches ("
                    + batches + "); give --format folder or --format cifar");
        }
        return new Cifar(path);
    }

    /** Regular files directly in {@code dir} whose name passes {@code filter}, sorted. */
    private static List<Path> list(Path dir, Predicate<String> filter) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> filter.test(p.getFileName().toString())).sorted()
                    .toList();
        } catch (IOException e) {
            throw new ImageDataException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }
}
