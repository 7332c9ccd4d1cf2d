package org.attentionsuite.image.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates Debian's {@code dataset-fashion-mnist} files; tests using them are skipped when it is absent. */
final class FashionMnistFiles {

    /** Install location of the Debian package. */
    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnistFiles() {
    }

    /** @return the file, or aborts the calling test (skipped) when it is not installed */
    static Path require(String name) {
        Path file = DIR.resolve(name);
        assumeTrue(Files.isReadable(file), "Debian package dataset-fashion-mnist not installed: " + file);
        return file;
    }
}
