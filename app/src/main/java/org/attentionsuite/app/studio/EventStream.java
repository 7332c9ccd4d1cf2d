package org.attentionsuite.app.studio;

import com.sun.net.httpserver.HttpExchange;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events ({@code text/event-stream}) on a chunked response: each event is
 * {@code event: NAME}, {@code data: JSON} and a blank line, flushed at once. A client that went
 * away shows up as an {@link IOException} on a later write, so a silent stream is kept busy with
 * comment lines ({@link #keepAlive}).
 */
final class EventStream implements Closeable {
    private final OutputStream out;

    /** Starts the response: status 200, unknown length. */
    EventStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        this.out = exchange.getResponseBody();
    }

    void send(String event, Object data) throws IOException {
        write("event: " + event + "\ndata: " + Http.GSON.toJson(data) + "\n\n");
    }

    /** A comment line, which clients ignore: it finds out whether the client is still there. */
    void keepAlive() throws IOException {
        write(":\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
