package org.attentionsuite.image.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.attentionsuite.core.UserError;

/**
 * Result of {@link ImageFolderReader#read}: the images that could be read and a report of the
 * files that could not.
 *
 * @param images       the unlabelled set; image n was read from {@code loadedFiles.get(n)}
 * @param loadedFiles  files read, in image order (sorted paths)
 * @param skippedFiles image files that could not be decoded, in path order
 * @param warnings     one line per skipped file, same order as {@code skippedFiles}
 * @param fitted       the loaded files that were resized or turned from colour into gray (a gray
 *                     picture in RGB loses nothing), each as {@code "<file> (<W>x<H> <gray|colour>)"},
 *                     in path order
 */
public record FolderImages(ImageSet images, List<Path> loadedFiles, List<Path> skippedFiles, List<String> warnings,
        List<String> fitted) {

    /** Checks that the counts agree and copies the lists. */
    public FolderImages {
        Objects.requireNonNull(images, "images");
        loadedFiles = List.copyOf(loadedFiles);
        skippedFiles = List.copyOf(skippedFiles);
        warnings = List.copyOf(warnings);
        fitted = List.copyOf(fitted);
        if (loadedFiles.size() != images.count()) {
            throw new UserError(loadedFiles.size() + " loaded files but " + images.count() + " images");
        }
        if (warnings.size() != skippedFiles.size()) {
            throw new UserError(skippedFiles.size() + " skipped files but " + warnings.size() + " warnings");
        }
    }

    /** @return how many images were loaded */
    public int loaded() {
        return loadedFiles.size();
    }

    /** @return how many image files were skipped as unreadable */
    public int skipped() {
        return skippedFiles.size();
    }
}
