package org.attentionsuite.core.model;

import java.util.List;
import java.util.Locale;

/**
 * How a validation loss in nats per target is reported: bits per dimension for images, nats per
 * event or per token for music. Metrics files and charts carry the unit's label.
 */
public interface LossUnit {
    /** Column title and axis label, e.g. {@code "bits/dim"}. */
    String label();

    /** Converts the mean loss over the counted targets of {@code validation}, in nats. */
    double convert(double natsPerTarget, List<Batch> validation);

    /** The value with its unit, e.g. {@code "3.1234 bits/dim"}. */
    default String format(double natsPerTarget, List<Batch> validation) {
        return String.format(Locale.ROOT, "%.4f %s", convert(natsPerTarget, validation), label());
    }

    /** Nats per predicted {@code what} ("token", "event"): the loss as the trainer reports it. */
    static LossUnit natsPer(String what) {
        return new NatsPer(what);
    }

    /** Bits per dimension (Parmar et al. 2018): one target is one intensity; {@code nats / ln 2}. */
    static LossUnit bitsPerDim() {
        return new BitsPerDim();
    }

    /** Nats per target, named after what one target is. */
    record NatsPer(String what) implements LossUnit {
        @Override
        public String label() {
            return "nats/" + what;
        }

        @Override
        public double convert(double natsPerTarget, List<Batch> validation) {
            return natsPerTarget;
        }
    }

    /** Bits per dimension. */
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
}
