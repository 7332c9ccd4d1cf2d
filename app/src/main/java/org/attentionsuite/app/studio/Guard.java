package org.attentionsuite.app.studio;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * The checks every request passes before a handler sees it. A page on another site can make a
 * browser send requests to the studio: a cross-site form or fetch carries that site's
 * {@code Origin}, and a DNS-rebinding page ({@code evil.example} resolved to 127.0.0.1) carries its
 * own name as {@code Host}. So a request is answered only when its {@code Host} is one of the
 * studio's own names and its {@code Origin}, if any, is the studio itself; anything else gets 403.
 * Every answer forbids framing and sniffing, and the page may load only the studio's own scripts.
 */
final class Guard extends Filter {
    /** Only the studio's own scripts, styles and media; no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Set<String> hosts;

    /** @param hosts the {@code host:port} values (lower case) under which the studio answers */
    Guard(Set<String> hosts) {
        this.hosts = Set.copyOf(hosts);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("Cache-Control", "no-store");
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !hosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
                Http.error(exchange, 403, "request refused: Host '" + host + "' is not this studio");
                return;
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && !isOwn(origin)) {
                Http.error(exchange, 403, "request refused: Origin '" + origin + "' is not this studio");
                return;
            }
            chain.doFilter(exchange);
        }
    }

    private boolean isOwn(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.startsWith("http://") && hosts.contains(o.substring("http://".length()));
    }

    @Override
    public String description() {
        return "Host and Origin checks";
    }
}
