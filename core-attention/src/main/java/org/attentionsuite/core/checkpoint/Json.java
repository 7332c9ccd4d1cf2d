package org.attentionsuite.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * JSON for configs. Fields typed by a polymorphic family (attention and position specs, schedules,
 * token schemes) are written as {@code {"type": "<logical name>", "value": {...}}} with the names
 * of {@link JsonTypes}; reading accepts only declared names, so a checkpoint never makes the suite
 * load a class by name. Integers are read exactly: a value that is not a whole number of the
 * field's width ({@code 2^40} for an {@code int}, {@code 2.5}) is refused, where Gson alone would
 * wrap it to 32 bits when reading a tree.
 */
public final class Json {
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapterFactory(new Polymorphic())
            .registerTypeAdapter(int.class, new ExactInteger<>("an int", BigDecimal::intValueExact).nullSafe())
            .registerTypeAdapter(Integer.class, new ExactInteger<>("an int", BigDecimal::intValueExact).nullSafe())
            .registerTypeAdapter(long.class, new ExactInteger<>("a long", BigDecimal::longValueExact).nullSafe())
            .registerTypeAdapter(Long.class, new ExactInteger<>("a long", BigDecimal::longValueExact).nullSafe())
            .serializeSpecialFloatingPointValues()
            .setPrettyPrinting()
            .create();

    private Json() {
    }

    public static Gson gson() {
        return GSON;
    }

    /**
     * Reads a JSON number (or numeric string) as an exact integer of one width, refusing anything else
     * (registered {@link TypeAdapter#nullSafe() null-safe}).
     */
    private static final class ExactInteger<T extends Number> extends TypeAdapter<T> {
        private final String what;
        private final Function<BigDecimal, T> exact;

        ExactInteger(String what, Function<BigDecimal, T> exact) {
            this.what = what;
            this.exact = exact;
        }

        @Override
        public void write(JsonWriter out, T value) throws IOException {
            out.value(value);
        }

        @Override
        public T read(JsonReader in) throws IOException {
            String text = in.nextString();
            try {
                return exact.apply(new BigDecimal(text));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new JsonSyntaxException("not " + what + ": " + text);
            }
        }
    }

    private static final class Polymorphic implements TypeAdapterFactory {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<? super T> raw = type.getRawType();
            if (!JsonTypes.isFamily(raw)) {
                return null;
            }
            return (TypeAdapter<T>) new TypeAdapter<Object>() {
                @Override
                public void write(JsonWriter out, Object value) throws IOException {
                    if (value == null) {
                        out.nullValue();
                        return;
                    }
                    JsonObject o = new JsonObject();
                    o.addProperty("type", JsonTypes.nameOf(value.getClass()));
                    o.add("value", gson.toJsonTree(value, value.getClass()));
                    gson.toJson(o, out);
                }

                @Override
                public Object read(JsonReader in) throws IOException {
                    JsonElement e = gson.fromJson(in, JsonElement.class);
                    if (e == null || e.isJsonNull()) {
                        return null;
                    }
                    if (!e.isJsonObject() || !e.getAsJsonObject().has("type")) {
                        throw new JsonParseException("a " + raw.getSimpleName() + " needs a \"type\"");
                    }
                    JsonObject o = e.getAsJsonObject();
                    String name = o.get("type").getAsString();
                    Class<?> cls = JsonTypes.typeOf(raw, name).orElseThrow(() -> new JsonParseException("unknown "
                            + raw.getSimpleName() + " type '" + name + "' (known: " + JsonTypes.names(raw) + ")"));
                    JsonElement value = o.has("value") ? o.get("value") : new JsonObject();
                    return gson.fromJson(value, cls);
                }
            };
        }
    }
}
