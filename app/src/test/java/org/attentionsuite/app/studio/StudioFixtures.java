package org.attentionsuite.app.studio;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.model.ImageModels;

/** What the studio's tests share: tiny models, a studio on a free port, and plain HTTP with nothing normalised. */
final class StudioFixtures {
    /** The shipped models, seen from the module folder where tests run. */
    static final Path SHIPPED = Path.of("..", "models");

    private StudioFixtures() {
    }

    /**
     * An untrained class-conditional 8x8 gray Image Transformer with local 2D attention (4x4 query
     * blocks, flange 2x2): 64 positions, so a sample takes a fraction of a second.
     */
    static Path tinyImageModel(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        DecoderModel model = new DecoderModel(ImageModels.config(8, 8, 1, new LocalAttention2d.Spec(8, 8, 1, 4, 4, 2, 2),
                new ModelSize(16, 2, 1, 0.0), true), Precision.FLOAT32, 1);
        TrainingCheckpoint.save(new TrainingRun(model, TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), 1), "test"),
                file, new Checkpoint.RunRecord(ImageModels.tokens(model.config(), ClassNames.FASHION_MNIST),
                        "StudioFixtures", null));
        return file;
    }

    /** A run folder with metrics of a few steps, a tiny model and a loss chart. */
    static Path tinyRun(Path runs) throws IOException {
        Path run = runs.resolve("tiny");
        tinyImageModel(run.resolve("best.ckpt"));
        Files.writeString(run.resolve("metrics.jsonl"), String.join("\n",
                "{\"kind\":\"train\",\"step\":10,\"wall_s\":1.0,\"loss\":4.0,\"value\":5.77,\"unit\":\"bits/dim\"}",
                "{\"kind\":\"train\",\"step\":20,\"wall_s\":2.0,\"loss\":3.5,\"value\":5.05,\"unit\":\"bits/dim\"}",
                "{\"kind\":\"eval\",\"step\":20,\"wall_s\":2.1,\"loss\":3.6,\"value\":5.19,\"unit\":\"bits/dim\",\"best\":5.19}",
                ""));
        Files.write(run.resolve("loss.png"), org.attentionsuite.image.fuzz.ImageSeedCorpus.pngClaiming(1, 1));
        return run;
    }

    /** A studio on a free port of 127.0.0.1 serving {@code runs} and the shipped choral model. */
    static Studio studio(Path runs, Path out) {
        return Studio.start(new StudioOptions(StudioOptions.LOOPBACK, 0, runs, out,
                Map.of("jsb-chorales", SHIPPED.resolve("jsb-chorales.ckpt"),
                        "fashion-mnist", SHIPPED.resolve("fashion-mnist.ckpt"))));
    }

    /** A response: status and body. */
    record Response(int status, String body) {
        JsonObject json() {
            return Http.GSON.fromJson(body, JsonObject.class);
        }
    }

    /**
     * Sends a request exactly as written (no normalisation of the path, any {@code Host}) and
     * reads the whole response.
     */
    static Response raw(URI studio, String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket(studio.getHost(), studio.getPort())) {
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (!headers.containsKey("Host")) {
                request.append("Host: ").append(studio.getHost()).append(':').append(studio.getPort()).append("\r\n");
            }
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int start = response.indexOf("\r\n\r\n");
            return new Response(status, start < 0 ? "" : response.substring(start + 4));
        }
    }

    static Response get(URI studio, String path) throws IOException {
        return raw(studio, "GET", path, Map.of(), new byte[0]);
    }

    /** One server-sent event. */
    record Event(String name, JsonElement data) {
        JsonObject object() {
            return data.getAsJsonObject();
        }
    }

    /** A job's event stream, read as it comes. */
    static final class Stream implements AutoCloseable {
        final HttpURLConnection connection;
        final int status;
        private final BufferedReader reader;

        Stream(URI studio, String path, JsonObject request) throws IOException {
            connection = (HttpURLConnection) studio.resolve(path).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setReadTimeout(120_000);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            }
            status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        /** The next event, or null at the end of the stream. */
        Event next() throws IOException {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (name != null) {
                        return new Event(name, Http.GSON.fromJson(data.toString(), JsonElement.class));
                    }
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            return null;
        }

        /** Every event until the stream ends. */
        List<Event> rest() throws IOException {
            List<Event> out = new ArrayList<>();
            for (Event e = next(); e != null; e = next()) {
                out.add(e);
            }
            return out;
        }

        /** The body of a refused request. */
        String refusal() throws IOException {
            return reader.lines().reduce("", String::concat);
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }

    /** A request object. */
    static JsonObject request(Object... keysAndValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.add((String) keysAndValues[i], Http.GSON.toJsonTree(keysAndValues[i + 1]));
        }
        return o;
    }
}
