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
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.train.LearningRateSchedule;

/**
 * JSON for configs. Fields typed by an extension interface (attention and position specs,
 * schedules) are written as {@code {"type": "<record class>", "value": {...}}}, so variants defined
 * in other modules round-trip without a central registry; on reading, the class must implement the
 * field's interface.
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
            if (raw != AttentionSpec.class && raw != PositionSpec.class && raw != LearningRateSchedule.class) {
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
                    o.addProperty("type", value.getClass().getName());
                    o.add("value", gson.toJsonTree(value, value.getClass()));
                    gson.toJson(o, out);
                }

                @Override
                public Object read(JsonReader in) throws IOException {
                    JsonElement e = gson.fromJson(in, JsonElement.class);
                    if (e == null || e.isJsonNull()) {
                        return null;
                    }
                    JsonObject o = e.getAsJsonObject();
                    String name = o.get("type").getAsString();
                    Class<?> cls;
                    try {
                        cls = Class.forName(name);
                    } catch (ClassNotFoundException ex) {
                        throw new JsonParseException("unknown " + raw.getSimpleName() + " type " + name
                                + " (is the module that defines it on the class path?)");
                    }
                    if (!raw.isAssignableFrom(cls)) {
                        throw new JsonParseException(name + " is not a " + raw.getSimpleName());
                    }
                    return gson.fromJson(o.get("value"), cls);
                }
            };
        }
    }
}
