package org.attentionsuite.image.data;

import java.util.List;

/**
 * The names of the classes of a labelled data set, indexed by label: the one place the suite
 * keeps them. A model trained on data whose classes are not known (plain IDX files may be MNIST
 * or Fashion-MNIST, a folder of pictures has no labels) uses {@link #UNKNOWN}, which names class
 * {@code c} "class c".
 */
public enum ClassNames {
    /** Fashion-MNIST (Xiao et al. 2017), also the bundled subset. */
    FASHION_MNIST("Fashion-MNIST", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot")),
    /** CIFAR-10 (Krizhevsky 2009). */
    CIFAR10("CIFAR-10", List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
            "truck")),
    /** Data whose class names are not known. */
    UNKNOWN("unknown data set", List.of());

    private final String dataSet;
    private final List<String> names;

    ClassNames(String dataSet, List<String> names) {
        this.dataSet = dataSet;
        this.names = names;
    }

    /** @return the data set's name, e.g. {@code "CIFAR-10"} */
    public String dataSet() {
        return dataSet;
    }

    /** @return the known names, indexed by label (empty for {@link #UNKNOWN}) */
    public List<String> names() {
        return names;
    }

    /**
     * @param label a class label {@code >= 0}
     * @return its name, e.g. {@code "Dress"} for Fashion-MNIST label 3, or {@code "class 3"} when
     *         the name is not known
     */
    public String of(int label) {
        return label >= 0 && label < names.size() ? names.get(label) : "class " + label;
    }
}
