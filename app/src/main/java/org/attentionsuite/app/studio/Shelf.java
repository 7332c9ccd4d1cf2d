package org.attentionsuite.app.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of one folder that the studio finds by name: a relative path of plain names (letters,
 * digits, {@code _ . -}, not starting with a dot) ending in one of the shelf's extensions. Nothing
 * else is looked up: no {@code ..}, no absolute path, no percent-encoding (an encoded {@code /} or
 * {@code .} is not a plain name), no hidden file, and no symbolic link that leads out of the folder.
 */
final class Shelf {
    /** One path segment: a plain name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** Content types of the outputs the page shows: pictures, MIDI, audio and metrics. */
    static final Map<String, String> MEDIA = Map.of(
            "png", "image/png",
            "mid", "audio/midi",
            "wav", "audio/wav",
            "jsonl", "application/x-ndjson; charset=utf-8");

    private final Path root;
    private final Map<String, String> types;

    /**
     * @param root  the folder
     * @param types the content type of each extension found (lower case, without the dot)
     */
    Shelf(Path root, Map<String, String> types) {
        this.root = root.toAbsolutePath().normalize();
        this.types = Map.copyOf(types);
    }

    Path root() {
        return root;
    }

    /**
     * The regular file at {@code rawPath} (as it came in the URL, not decoded) inside the folder, if
     * the path is plain and the file exists there.
     */
    Optional<Path> find(String rawPath) {
        if (rawPath.isEmpty() || rawPath.length() > 1024 || type(rawPath).isEmpty()) {
            return Optional.empty();
        }
        for (String segment : rawPath.split("/", -1)) {
            if (!NAME.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        Path file = root.resolve(rawPath).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return file.toRealPath().startsWith(root.toRealPath()) ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The path of {@code file} (inside the folder) as the URL names it. */
    String name(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The content type of a file name, empty for an extension that is not on the shelf. */
    Optional<String> type(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty()
                : Optional.ofNullable(types.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
