package org.attentionsuite.core.train;

import java.util.List;
import java.util.Random;
import org.attentionsuite.core.model.Batch;

/** Where training and validation batches come from. */
public interface DataSource {
    /** A training batch drawn with {@code rng} (e.g. random crops of a corpus). */
    Batch trainBatch(Random rng);

    /** The fixed held-out batches used for evaluation (the same every call). */
    List<Batch> validationBatches();

    /** A stable fingerprint of the data (e.g. a hash of the files), recorded as provenance. */
    String fingerprint();
}
