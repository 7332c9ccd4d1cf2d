package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.attentionsuite.app.models.ReadmeBlocks;
import picocli.CommandLine.Command;

/**
 * {@code suite readme}: rewrites the parts of the READMEs that are written from records
 * ({@link ReadmeBlocks}), after {@code models pack}, {@code models verify} or {@code compare} changed
 * a record.
 */
@Command(name = "readme", mixinStandardHelpOptions = true,
        description = "Rewrite the generated parts of README.md, experiments/README.md and models/README.md (between "
                + "<!-- NAME --> markers) from models/models.json, models/verification.json and the published "
                + "comparison records in experiments/report.")
final class ReadmeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Path home = ShippedModels.folder().toAbsolutePath().getParent();
        List<Path> written = ReadmeBlocks.write(home);
        written.forEach(p -> System.out.println("rewrote " + p));
        if (written.isEmpty()) {
            System.out.println("every generated part is up to date");
        }
        return 0;
    }
}
