package org.attentionsuite.app.studio;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.attentionsuite.core.sample.SamplingConfig;

/**
 * The fields of a JSON request, each read with its name in the message when it is missing or of
 * the wrong kind (400). Ranges are the domain records' to check, with the messages the command
 * line gives.
 */
final class Fields {
    private final JsonObject json;

    Fields(JsonObject json) {
        this.json = json;
    }

    /** A required text field. */
    String text(String name) {
        return optionalText(name).orElseThrow(() -> new Http.Refusal(400, "the request needs \"" + name + "\""));
    }

    /** A text field that may be missing or null. */
    Optional<String> optionalText(String name) {
        JsonElement e = json.get(name);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new Http.Refusal(400, "\"" + name + "\" must be text");
        }
        return Optional.of(e.getAsString());
    }

    /** A whole number, {@code fallback} when missing. */
    int integer(String name, int fallback) {
        OptionalInt v = optionalInteger(name);
        return v.isPresent() ? v.getAsInt() : fallback;
    }

    /** A whole number that may be missing or null. */
    OptionalInt optionalInteger(String name) {
        Optional<BigDecimal> v = number(name);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(v.get().intValueExact());
        } catch (ArithmeticException e) {
            throw new Http.Refusal(400, "\"" + name + "\" must be a whole number, got " + v.get());
        }
    }

    /** A required array of at most {@code max} whole numbers. */
    int[] integers(String name, int max) {
        JsonElement e = json.get(name);
        if (e == null || !e.isJsonArray()) {
            throw new Http.Refusal(400, "the request needs \"" + name + "\" as an array of numbers");
        }
        if (e.getAsJsonArray().size() > max) {
            throw new Http.Refusal(400, "\"" + name + "\" holds more than " + max + " numbers");
        }
        int[] out = new int[e.getAsJsonArray().size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = e.getAsJsonArray().get(i);
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                throw new Http.Refusal(400, "\"" + name + "\" must hold numbers only");
            }
            try {
                out[i] = v.getAsBigDecimal().intValueExact();
            } catch (ArithmeticException x) {
                throw new Http.Refusal(400, "\"" + name + "\" must hold whole numbers only");
            }
        }
        return out;
    }

    /** A number, {@code fallback} when missing; one beyond a double's range (JSON allows {@code 1e400}) is refused. */
    double decimal(String name, double fallback) {
        Optional<BigDecimal> v = number(name);
        if (v.isEmpty()) {
            return fallback;
        }
        double d = v.get().doubleValue();
        if (Double.isInfinite(d)) {
            throw new Http.Refusal(400, "\"" + name + "\" (" + v.get() + ") is beyond the range of a number");
        }
        return d;
    }

    private Optional<BigDecimal> number(String name) {
        JsonElement e = json.get(name);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) {
            throw new Http.Refusal(400, "\"" + name + "\" must be a number");
        }
        return Optional.of(e.getAsBigDecimal());
    }

    /** {@code temperature}, {@code topK}, {@code topP} and {@code seed}, with the command line's defaults. */
    SamplingConfig sampling() {
        long seed;
        try {
            seed = number("seed").map(BigDecimal::longValueExact).orElse(1L);
        } catch (ArithmeticException e) {
            throw new Http.Refusal(400, "\"seed\" must be a whole number, got " + json.get("seed"));
        }
        return new SamplingConfig(decimal("temperature", 1.0), integer("topK", 0), decimal("topP", 1.0), seed);
    }

    /** The command-line options that give {@code s}. */
    static List<String> arguments(SamplingConfig s) {
        return List.of("--temperature", plain(s.temperature()), "--top-k", Integer.toString(s.topK()),
                "--top-p", plain(s.topP()), "--seed", Long.toString(s.seed()));
    }

    /** A number as a user writes it: {@code 1}, {@code 0.95}. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
