package org.attentionsuite.app.studio;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.attentionsuite.core.UserError;

/**
 * Where the studio listens and what it serves.
 *
 * @param host          the address to listen on; {@value #LOOPBACK} unless the user asks otherwise
 * @param port          TCP port, 0 for any free one
 * @param runs          the runs folder: its checkpoints are offered as models, its runs shown with
 *                      their metrics and samples
 * @param out           the studio's own output folder: one folder per job, and the uploads
 * @param shippedModels the shipped models by name ({@code models/NAME.ckpt})
 */
public record StudioOptions(String host, int port, Path runs, Path out, Map<String, Path> shippedModels) {
    /** The loopback address the studio listens on by default. */
    public static final String LOOPBACK = "127.0.0.1";

    public StudioOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(out, "out");
        shippedModels = Map.copyOf(shippedModels);
        if (host.isBlank()) {
            throw new UserError("--host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new UserError("--port (" + port + ") must be in 0..65535 (0 = any free port)");
        }
    }

    /** Whether the studio listens only on this machine. */
    public boolean loopbackOnly() {
        return host.equals(LOOPBACK) || host.equals("localhost") || host.equals("::1");
    }
}
