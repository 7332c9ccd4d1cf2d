package org.attentionsuite.app.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The studio's output folder: job {@code N} writes into {@code job-NNNN/}, served under
 * {@value Studio#STUDIO_FILES}; uploads are kept in {@code uploads/}.
 */
final class Outputs {
    private static final Pattern JOB = Pattern.compile("job-(\\d{1,9})");

    private final Path out;
    private final Shelf shelf;

    /** @param out the folder as the user named it (it appears in command lines) */
    Outputs(Path out) {
        this.out = out;
        this.shelf = new Shelf(out, Shelf.MEDIA);
    }

    Shelf shelf() {
        return shelf;
    }

    /** The folder of job {@code id}. */
    Path folder(long id) {
        return out.resolve(String.format(Locale.ROOT, "job-%04d", id));
    }

    /** Where uploads are kept. */
    Path uploads() {
        return out.resolve("uploads");
    }

    /** The URL of {@code file}, which is in the output folder. */
    String url(Path file) {
        return Studio.STUDIO_FILES + shelf.name(file);
    }

    /** The first job number after those of earlier sessions, whose folders stay as they were. */
    long firstFreeId() {
        if (!Files.isDirectory(out)) {
            return 1;
        }
        try (Stream<Path> folders = Files.list(out)) {
            return folders.map(p -> JOB.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0) + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}
