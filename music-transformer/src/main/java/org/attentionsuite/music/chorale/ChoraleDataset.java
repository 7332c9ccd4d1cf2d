package org.attentionsuite.music.chorale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.UserFiles;
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.music.MusicDataException;

/**
 * The JSB chorales of Coconet's {@code Jsb16thSeparated.json}: an object with keys
 * {@code train}, {@code valid} and {@code test}, each a list of chorales; a chorale is a list of
 * 16th-note steps and a step is four MIDI pitches (soprano, alto, tenor, bass), integers or
 * whole-valued floats such as {@code 74.0}, with {@code -1} for a silent voice.
 *
 * @param train the training chorales (229 in the standard file)
 * @param valid the validation chorales (76)
 * @param test the test chorales (77)
 */
public record ChoraleDataset(List<Chorale> train, List<Chorale> valid, List<Chorale> test) {

    /** Copies the lists. */
    public ChoraleDataset {
        train = List.copyOf(Objects.requireNonNull(train, "train"));
        valid = List.copyOf(Objects.requireNonNull(valid, "valid"));
        test = List.copyOf(Objects.requireNonNull(test, "test"));
    }

    /**
     * @param split which split
     * @return its chorales
     */
    public List<Chorale> split(DataSplit split) {
        return switch (split) {
            case TRAIN -> train;
            case VALID -> valid;
            case TEST -> test;
        };
    }

    /** A copy whose {@code split} keeps only its first {@code n} chorales (all when it has fewer). */
    public ChoraleDataset firstOf(DataSplit split, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n);
        }
        List<Chorale> kept = split(split).subList(0, Math.min(n, split(split).size()));
        return new ChoraleDataset(split == DataSplit.TRAIN ? kept : train, split == DataSplit.VALID ? kept : valid,
                split == DataSplit.TEST ? kept : test);
    }

    /**
     * Reads the JSON file.
     *
     * @param file path of {@code Jsb16thSeparated.json}
     * @return the three splits
     * @throws MusicDataException naming the file if it is missing, a folder, empty, unreadable, not
     *     JSON, or not shaped as described above
     */
    public static ChoraleDataset load(Path file) {
        if (Files.isDirectory(file)) {
            throw MusicDataException.of(file, "is a folder; give the path of Jsb16thSeparated.json");
        }
        try {
            return parse(UserFiles.readString(file, FILE), file);
        } catch (MusicDataException e) {
            throw e;
        } catch (UserError e) {
            throw new MusicDataException(e.getMessage(), e);
        }
    }

    /** The copy bundled in the jar ({@value #BUNDLED}, gzipped; public domain, see its README). */
    public static ChoraleDataset bundled() {
        synchronized (ChoraleDataset.class) {
            if (bundled == null) {
                try (java.io.InputStream in = ChoraleDataset.class.getResourceAsStream(BUNDLED)) {
                    if (in == null) {
                        throw new IllegalStateException("the bundled chorales " + BUNDLED + " are not on the class path");
                    }
                    bundled = parse(new String(UserFiles.gunzipIfNeeded(in).readAllBytes(), StandardCharsets.UTF_8),
                            Path.of("(bundled)", "Jsb16thSeparated.json"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return bundled;
        }
    }

    /**
     * The chorales file, gzipped or not, is read whole, at most 64 MiB (Coconet's
     * {@code Jsb16thSeparated.json} is 1.6 MB).
     */
    public static final UserFiles.Kind FILE = new UserFiles.Kind("chorales file", 64L << 20, true);

    /** Resource path of the bundled chorales. */
    public static final String BUNDLED = "/org/attentionsuite/music/bundled/Jsb16thSeparated.json.gz";
    private static ChoraleDataset bundled;

    /** Parses the JSON text; {@code file} names it in messages. */
    static ChoraleDataset parse(String text, Path file) {
        if (text.isBlank()) {
            throw MusicDataException.of(file,
                    "empty file; expected the JSON object of Jsb16thSeparated.json (keys train/valid/test)");
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw MusicDataException.of(file.toString(),
                    "malformed JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (!root.isJsonObject()) {
            throw MusicDataException.of(file, "expected a JSON object with keys train/valid/test");
        }
        JsonObject object = root.getAsJsonObject();
        List<List<Chorale>> splits = new ArrayList<>();
        for (DataSplit split : DataSplit.values()) {
            splits.add(readSplit(file, object, split.key()));
        }
        return new ChoraleDataset(splits.get(0), splits.get(1), splits.get(2));
    }

    private static List<Chorale> readSplit(Path file, JsonObject object, String key) {
        JsonElement element = object.get(key);
        if (element == null || !element.isJsonArray()) {
            throw MusicDataException.of(file, "missing list \"" + key + "\"");
        }
        List<Chorale> chorales = new ArrayList<>();
        JsonArray array = element.getAsJsonArray();
        for (int c = 0; c < array.size(); c++) {
            String where = key + " chorale " + c;
            JsonElement chorale = array.get(c);
            if (!chorale.isJsonArray()) {
                throw MusicDataException.of(file, where + ": expected a list of steps");
            }
            JsonArray steps = chorale.getAsJsonArray();
            int[][] grid = new int[steps.size()][];
            for (int s = 0; s < steps.size(); s++) {
                grid[s] = readStep(file, where + ", step " + s, steps.get(s));
            }
            chorales.add(Chorale.of(grid));
        }
        return chorales;
    }

    private static int[] readStep(Path file, String where, JsonElement step) {
        if (!step.isJsonArray() || step.getAsJsonArray().size() != Chorale.VOICES) {
            throw MusicDataException.of(file, where + ": expected " + Chorale.VOICES + " pitches");
        }
        JsonArray values = step.getAsJsonArray();
        int[] pitches = new int[Chorale.VOICES];
        for (int v = 0; v < Chorale.VOICES; v++) {
            JsonElement value = values.get(v);
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                throw MusicDataException.of(file, where + ": " + value + " is not a number");
            }
            double pitch = value.getAsDouble();
            if (pitch != Math.rint(pitch) || !(pitch == Chorale.SILENT || pitch >= 0 && pitch <= 127)) {
                throw MusicDataException.of(file, where + ": " + value
                        + " is not a MIDI pitch 0..127 or -1 (silent)");
            }
            pitches[v] = (int) pitch;
        }
        return pitches;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
