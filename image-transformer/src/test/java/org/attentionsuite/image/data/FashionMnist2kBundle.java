package org.attentionsuite.image.data;

import java.nio.file.Path;
import org.attentionsuite.image.io.IdxWriter;

/**
 * The code that generated the bundled resource
 * {@code src/main/resources/org/attentionsuite/image/bundled/fashion-mnist-2k/}: the first
 * {@value BundledImages#FASHION_MNIST_2K_COUNT} images and labels of Fashion-MNIST {@code t10k},
 * re-encoded as gzipped IDX by {@link IdxWriter}. {@link BundledImagesTest} checks that the
 * bundle still equals this subset.
 *
 * <p>Run from {@code image-transformer/} after {@code mvn test-compile}:
 * <pre>java -cp target/classes:target/test-classes org.attentionsuite.image.data.FashionMnist2kBundle \
 *     /usr/share/datasets/fashion-mnist src/main/resources/org/attentionsuite/image/bundled/fashion-mnist-2k</pre>
 */
public final class FashionMnist2kBundle {

    private FashionMnist2kBundle() {
    }

    /** @return the bundle's content taken from the full Fashion-MNIST folder */
    static ImageSet subset(Path fashionMnistDir) {
        ImageSet test = IdxReader.read(fashionMnistDir.resolve("t10k-images-idx3-ubyte.gz"),
                fashionMnistDir.resolve("t10k-labels-idx1-ubyte.gz"));
        return test.subset(0, BundledImages.FASHION_MNIST_2K_COUNT);
    }

    /**
     * @param args source folder with the Fashion-MNIST t10k files, target resource folder
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: FashionMnist2kBundle <fashion-mnist dir> <target dir>");
            System.exit(2);
        }
        ImageSet subset = subset(Path.of(args[0]));
        Path target = Path.of(args[1]);
        IdxWriter.write(subset, target.resolve("t10k-images-idx3-ubyte.gz"), target.resolve("t10k-labels-idx1-ubyte.gz"));
        System.out.println("wrote " + subset + " to " + target);
    }
}
