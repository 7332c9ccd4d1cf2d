package org.attentionsuite.experiments.quality;

import java.util.List;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.music.chorale.ChoraleEncoding;

/** How a validation loss in nats per target is reported (one record per unit). */
public sealed interface LossUnit {
    /** Column title, e.g. {@code bits/dim}. */
    String label();

    /** Converts the mean loss over the counted targets of {@code validation}, in nats. */
    double convert(double natsPerTarget, List<Batch> validation);

    /** Nats per predicted token: the loss as the trainer reports it. */
    record NatsPerToken() implements LossUnit {
        @Override
        public String label() {
            return "nats/token";
        }

        @Override
        public double convert(double natsPerTarget, List<Batch> validation) {
            return natsPerTarget;
        }
    }

    /** Bits per dimension of the Image Transformer (Parmar et al. 2018): one token is one intensity. */
    record BitsPerDim() implements LossUnit {
        @Override
        public String label() {
            return "bits/dim";
        }

        @Override
        public double convert(double natsPerTarget, List<Batch> validation) {
            return natsPerTarget / Math.log(2);
        }
    }

    /**
     * Nats per note for chorale tokens ({@link ChoraleEncoding}): the total validation loss divided by
     * the number of targets that are pitches (0..127), so rests and end tokens cost but do not count.
     */
    record NatsPerNote() implements LossUnit {
        @Override
        public String label() {
            return "nats/note";
        }

        @Override
        public double convert(double natsPerTarget, List<Batch> validation) {
            long counted = 0;
            long notes = 0;
            for (Batch b : validation) {
                for (int t : b.targets()) {
                    if (t >= 0) {
                        counted++;
                        if (t < ChoraleEncoding.REST) {
                            notes++;
                        }
                    }
                }
            }
            return notes == 0 ? Double.NaN : natsPerTarget * counted / notes;
        }
    }
}
