package org.attentionsuite.app.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionsuite.app.CommandText;
import org.attentionsuite.core.sample.SamplingConfig;

/**
 * What the studio's sampling jobs ({@link ImageJobs}, {@link MusicJobs}) share: the models, the
 * job folders, the uploads, and the command line each job's result names.
 */
record JobContext(Models models, Outputs outputs, Uploads uploads) {
    /** A job's command line so far: {@code command} and how it names {@code model} (which must exist). */
    List<String> words(String model, String... command) {
        List<String> words = new ArrayList<>(List.of(command));
        words.addAll(models.arguments(model));
        return words;
    }

    /** The command line of {@code words}, then the sampling options and {@code --out dir}. */
    static String command(List<String> words, SamplingConfig sampling, Path dir) {
        List<String> all = new ArrayList<>(words);
        all.addAll(Fields.arguments(sampling));
        all.addAll(List.of("--out", dir.toString()));
        return CommandText.of(all);
    }

    /** A job's result, in order: its command line first. */
    static Map<String, Object> result(String command) {
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("command", command);
        return done;
    }
}
