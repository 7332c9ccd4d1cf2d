package org.attentionsuite.spark;

import java.io.Serializable;
import org.attentionsuite.core.checkpoint.Json;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.tensor.Precision;

/**
 * Which model an executor's replicas are built for: its configuration (as the checkpoints' JSON)
 * and precision.
 */
record ModelKey(String config, Precision precision) implements Serializable {
    static ModelKey of(DecoderModel model) {
        return new ModelKey(Json.gson().toJson(model.config()), model.precision());
    }

    /** A new model of this kind; its weights are overwritten before it computes anything. */
    DecoderModel build() {
        return new DecoderModel(Json.gson().fromJson(config, ModelConfig.class), precision, 0);
    }
}
