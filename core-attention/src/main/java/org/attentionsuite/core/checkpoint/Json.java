package org.attentionsuite.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * JSON for configs. Fields typed by a polymorphic family (attention and position specs, schedules,
 * token schemes) are written as {@code {"type": "<logical name>", "value": {...}}} with the names
 * of {@link JsonTypes}; reading accepts only declared names, so a checkpoint never makes the suite
 * load a class by name.
 */
public final class Json {
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapterFactory(new Polymorphic())
            .serializeSpecialFloatingPointValues()
            .setPrettyPrinting()
            .create();

    private Json() {
    }

    public static Gson gson() {
        return GSON;
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
