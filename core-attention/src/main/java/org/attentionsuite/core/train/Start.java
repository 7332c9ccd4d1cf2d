package org.attentionsuite.core.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a run starts in its folder: fresh (refused over an earlier run's checkpoints), replacing an
 * earlier run ({@code --overwrite}), or continuing a checkpoint ({@code --resume}).
 */
public sealed interface Start {
    /** A new run in a folder without checkpoints. */
    record Fresh() implements Start {
    }

    /** A new run that deletes the folder's earlier checkpoints, metrics and chart first. */
    record Overwrite() implements Start {
    }

    /** Continues {@code checkpoint} (usually the folder's {@code last.ckpt}). */
    record Resume(Path checkpoint) implements Start {
        public Resume {
            Objects.requireNonNull(checkpoint, "checkpoint");
        }
    }

    static Start fresh() {
        return new Fresh();
    }
}
