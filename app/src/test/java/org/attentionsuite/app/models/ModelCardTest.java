package org.attentionsuite.app.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCardTest {
    @Test
    void sampleMeasuresAreKeptInNameOrderWhateverOrderTheyCameIn() {
        Map<String, Double> samples = new LinkedHashMap<>();
        samples.put("valid_vs_test_pitch_class_distance", 0.05);
        samples.put("test_voicing_in_satb_range_and_order", 0.96);
        samples.put("samples_vs_test_pitch_class_distance", 0.17);
        samples.put("samples_voicing_in_satb_range_and_order", 0.90);
        ModelCard.Measured m = new ModelCard.Measured(List.of("--split", "test"), "test", 10, 0.4, "nats/token",
                Double.NaN, null, samples, null);
        assertEquals(List.of("samples_voicing_in_satb_range_and_order", "samples_vs_test_pitch_class_distance",
                "test_voicing_in_satb_range_and_order", "valid_vs_test_pitch_class_distance"),
                List.copyOf(m.samples().keySet()));
    }
}
