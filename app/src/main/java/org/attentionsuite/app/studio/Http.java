package org.attentionsuite.app.studio;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the studio's handlers share: JSON in and out, capped request bodies, query parameters, errors. */
final class Http {
    /** Plain JSON (no pretty printing, no NaN). */
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Http() {
    }

    /** A request the studio refuses: answered with {@code status} and {@code {"error": message}}. */
    static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** Sends {@code body} as JSON with {@code status}. */
    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8",
                GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code {"error": message}} with {@code status}. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        json(exchange, status, o);
    }

    /** Sends {@code bytes} with {@code status} and {@code contentType}. */
    static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * The request body, at most {@code limit} bytes. A body declared longer is refused before it is
     * read; up to twice the limit it is read and dropped first, so that a browser, which sends the
     * whole body before it reads an answer, sees the refusal rather than a reset connection.
     *
     * @throws Refusal 413 when the body (or its declared length) is longer
     */
    static byte[] body(HttpExchange exchange, long limit, String what) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long n;
            try {
                n = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw new Refusal(400, "Content-Length '" + declared + "' is not a number");
            }
            if (n > limit) {
                if (n <= 2 * limit) {
                    try (InputStream in = exchange.getRequestBody()) {   // read it, so the client sees the answer
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }
                throw tooLarge(what, limit);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(what, limit);
            }
            return bytes;
        }
    }

    private static Refusal tooLarge(String what, long limit) {
        return new Refusal(413, String.format(java.util.Locale.ROOT, "%s is larger than the %,d bytes the studio "
                + "accepts", what, limit));
    }

    /** The request body as a JSON object, at most {@code limit} bytes. */
    static JsonObject jsonBody(HttpExchange exchange, long limit) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Refusal(415, "send the request as application/json");
        }
        try {
            JsonElement e = GSON.fromJson(new String(body(exchange, limit, "the request"), StandardCharsets.UTF_8),
                    JsonElement.class);
            if (e == null || !e.isJsonObject()) {
                throw new Refusal(400, "the request must be a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new Refusal(400, "the request is not valid JSON (" + e.getMessage() + ")");
        }
    }

    /** The query parameters of the request (the first of repeated names). */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "malformed query parameter '" + s + "'");
        }
    }
}
