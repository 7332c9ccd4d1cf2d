package org.attentionsuite.experiments.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * JSON for the suite's records (evaluation scores, run records, model records): JSON has no NaN or
 * infinity, so a number that is not finite (a measure that does not apply, such as the second unit
 * of an image score) is written as {@code null}, and {@code null} is read back as NaN.
 */
public final class FiniteJson {
    private static final TypeAdapter<Double> DOUBLES = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                out.nullValue();
            } else {
                out.value(value);
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Double.NaN;
            }
            return in.nextDouble();
        }
    };

    private FiniteJson() {
    }

    /** A builder with the non-finite rule for {@code double} and {@link Double}, nulls serialized. */
    public static GsonBuilder builder() {
        return new GsonBuilder().registerTypeAdapter(double.class, DOUBLES).registerTypeAdapter(Double.class, DOUBLES)
                .serializeNulls().disableHtmlEscaping();
    }

    /** {@link #builder()}, pretty-printed. */
    public static Gson pretty() {
        return builder().setPrettyPrinting().create();
    }

    /** {@link #builder()}, one line. */
    public static Gson compact() {
        return builder().create();
    }
}
