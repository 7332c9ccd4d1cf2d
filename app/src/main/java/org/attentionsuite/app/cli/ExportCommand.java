package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.NpzExport;
import org.attentionsuite.core.tensor.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suite export CKPT --format npz}: a checkpoint's weights for other tools ({@link NpzExport}). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a checkpoint's weights for other tools. npz: one float32 NumPy array per parameter "
                + "with PyTorch-style names (tok_emb.weight, blocks.0.attn.qkv.weight, ...; Linear weights "
                + "(out, in)), and the model config in <name>.config.json beside it.")
final class ExportCommand implements Callable<Integer> {
    /** The export formats. */
    enum Format {
        npz
    }

    @Parameters(index = "0", paramLabel = "CKPT", description = "the checkpoint, e.g. runs/image/best.ckpt")
    Path checkpoint;

    @Option(names = "--format", defaultValue = "npz", description = "npz (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", paramLabel = "FILE",
            description = "output file (default: the checkpoint's path with .npz instead of .ckpt)")
    Path out;

    @Override
    public Integer call() {
        Path target = out != null ? out : defaultOut(checkpoint);
        Checkpoint.Loaded loaded = Checkpoint.load(checkpoint, Precision.FLOAT32);
        NpzExport.Written w = NpzExport.write(loaded.model(), target);
        System.out.printf(Locale.ROOT, "Wrote %s (%d arrays, %,d parameters)%n", w.npz(), w.arrays(),
                w.parameterCount());
        System.out.println("Wrote " + w.config());
        return 0;
    }

    /** {@code runs/image/best.ckpt} → {@code runs/image/best.npz}. */
    static Path defaultOut(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        String stem = name.endsWith(".ckpt") ? name.substring(0, name.length() - 5) : name;
        return checkpoint.resolveSibling(stem + ".npz");
    }
}
