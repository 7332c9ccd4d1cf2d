package org.attentionsuite.experiments.bench;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.model.MusicAttention;

/**
 * The PyTorch reference of {@code bench train --vs-torch}: {@code torch_reference.py} run with
 * Debian's {@code /usr/bin/python3} on the same shape, back to back with the suite's timing.
 */
public final class TorchReference {
    /** The {@code --attention} values of {@code torch_reference.py} (its own names, not the suite's). */
    static final String FULL = "full";
    static final String RELATIVE = "relative";

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private TorchReference() {
    }

    /**
     * The reference's name for {@code spec}: its full attention, or its relative attention (one
     * table shared by all heads); other variants have no counterpart there.
     */
    public static String nameOf(AttentionSpec spec) {
        if (spec instanceof FullCausalAttention.Spec) {
            return FULL;
        }
        if (spec.equals(MusicAttention.RELATIVE_SHARED.spec(spec instanceof RelativeAttention.Spec r
                ? r.maxRelativeDistance() : 1))) {
            return RELATIVE;
        }
        throw new UserError("the PyTorch reference has full attention and relative attention with one table "
                + "shared by all heads: use --attention full or --attention relative-shared with --vs-torch");
    }

    /**
     * Runs {@code script} on {@code shape} for {@code steps} timed steps after {@code warmup} and
     * returns its JSON line; empty (with a warning on {@code log}) when Python, PyTorch or the
     * script is missing or the script fails.
     */
    public static Optional<JsonObject> run(Path script, String shape, AttentionSpec spec, int steps, int warmup,
            PrintStream log) throws IOException, InterruptedException {
        String attention = nameOf(spec);
        if (!Files.isExecutable(PYTHON) || !Files.isRegularFile(script)) {
            log.println("warning: --vs-torch needs " + PYTHON + " with Debian's python3-torch and " + script
                    + "; skipped");
            return Optional.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(), "--config", shape,
                "--attention", attention, "--steps", String.valueOf(steps), "--warmup", String.valueOf(warmup));
        // The reference runs in its own default environment: OMP_WAIT_POLICY=PASSIVE (set for the
        // JVM by the launcher) slows PyTorch's OpenMP pool by ~30% (measured 0.102 vs 0.070 s).
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || out.isEmpty()) {
            log.println("warning: the PyTorch reference failed (is python3-torch installed?)");
            return Optional.empty();
        }
        String last = out.substring(out.lastIndexOf('\n') + 1);
        return Optional.of(new Gson().fromJson(last, JsonObject.class));
    }
}
