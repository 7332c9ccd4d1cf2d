package org.attentionsuite.app.studio;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.attentionsuite.core.UserError;

/**
 * {@code ./suite studio}: a local web page to sample and complete images, generate music, see
 * where attention looks and follow training runs. One {@link HttpServer} of the JDK serves the
 * page (plain HTML, CSS and JavaScript from the jar: nothing from the internet) and a small JSON
 * API; sampling jobs stream their progress as server-sent events ({@link EventStream}).
 *
 * <p>The handlers stay thin: the jobs call the functions the command line calls, with the options
 * it would build ({@link ImageJobs}, {@link MusicJobs}), and each result names the command line
 * that makes the same files. What keeps the server safe is in one place each: {@link Guard}
 * (Host and Origin), {@link Shelf} (files by name only), {@link Uploads} (size caps and the suite's
 * readers), {@link Jobs} (one job per model at a time, a bounded queue, cancellation); and every
 * state change is a POST.
 *
 * <p>API: {@code GET /api/models}, {@code GET /api/model?id=}, {@code POST /api/images/sample},
 * {@code POST /api/images/complete}, {@code POST /api/music/generate} (each answers with the job's
 * event stream), {@code POST /api/jobs/cancel?id=}, {@code GET /api/queue},
 * {@code POST /api/uploads?kind=picture|midi&name=}, {@code GET /api/runs}, {@code GET /api/run?name=},
 * {@code POST /api/explore/image} and {@code POST /api/explore/music} (the attention explorer's pictures);
 * files under {@value #STUDIO_FILES} and {@value #RUN_FILES}.
 */
public final class Studio implements AutoCloseable {
    /** URL prefix of the studio's own outputs. */
    static final String STUDIO_FILES = "/files/studio/";
    /** URL prefix of the files of the runs folder. */
    static final String RUN_FILES = "/files/runs/";
    /** Largest JSON request. */
    static final int MAX_REQUEST = 64 << 10;
    /** How often a silent event stream checks that its client is still there. */
    static final long KEEP_ALIVE_MS = 500;
    /** Requests served at once (each event stream holds one until its job ends). */
    static final int THREADS = 32;
    /** The page: file name in the jar's {@code page/} folder and its content type. */
    private static final Map<String, String> PAGE = Map.of("index.html", "text/html; charset=utf-8",
            "studio.js", "text/javascript; charset=utf-8", "studio.css", "text/css; charset=utf-8");

    /** What a route does with a request it accepts. */
    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** A method and what it does. */
    private record Route(String method, Handler handler) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Outputs outputs;
    private final Shelf runFiles;
    private final Models models;
    private final Runs runs;
    private final Uploads uploads;
    private final Jobs jobs;
    private final ImageJobs images;
    private final MusicJobs music;
    private final Explorer explorer;
    private final Map<String, byte[]> page;
    private final URI address;

    private Studio(StudioOptions options) throws IOException {
        outputs = new Outputs(options.out());
        Files.createDirectories(options.out());
        Path excluded = options.out();
        runFiles = new Shelf(options.runs(), Shelf.MEDIA);
        models = new Models(options.shippedModels(), options.runs(), excluded);
        runs = new Runs(runFiles, excluded);
        uploads = new Uploads(outputs.uploads());
        jobs = new Jobs(outputs.firstFreeId());
        JobContext context = new JobContext(models, outputs, uploads);
        images = new ImageJobs(context);
        music = new MusicJobs(context);
        explorer = new Explorer(models, jobs);
        page = readPage();
        InetAddress bind = InetAddress.getByName(options.host());
        server = HttpServer.create(new InetSocketAddress(bind, options.port()), 64);
        threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "studio http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        int port = server.getAddress().getPort();
        Guard guard = new Guard(hostNames(bind, port));
        Map<String, Route> api = Map.ofEntries(
                route("/api/models", "GET", ex -> Http.json(ex, 200, Map.of("models", models.ids()))),
                route("/api/model", "GET", ex -> Http.json(ex, 200, models.describe(parameter(ex, "id")))),
                route("/api/images/sample", "POST", ex -> follow(ex, "sample", images::sample)),
                route("/api/images/complete", "POST", ex -> follow(ex, "complete", images::complete)),
                route("/api/music/generate", "POST", ex -> follow(ex, "music", music::generate)),
                route("/api/jobs/cancel", "POST", this::cancel),
                route("/api/queue", "GET", ex -> Http.json(ex, 200, Map.of("jobs", jobs.snapshot()))),
                route("/api/uploads", "POST", this::upload),
                route("/api/runs", "GET", ex -> Http.json(ex, 200, Map.of("runs", runs.names()))),
                route("/api/run", "GET", ex -> Http.json(ex, 200, runs.describe(parameter(ex, "name")))),
                route("/api/explore/image", "POST", ex -> explore(ex, explorer::image)),
                route("/api/explore/music", "POST", ex -> explore(ex, explorer::music)));
        add("/api/", guard, ex -> {
            Route r = api.get(ex.getRequestURI().getRawPath());
            if (r == null) {
                throw new Http.Refusal(404, "no such request: " + ex.getRequestURI().getRawPath());
            }
            if (!r.method().equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", r.method());
                throw new Http.Refusal(405, ex.getRequestURI().getRawPath() + " takes " + r.method());
            }
            r.handler().handle(ex);
        });
        add("/files/", guard, this::file);
        add("/", guard, this::page);
        String shown = bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
        address = URI.create("http://" + (options.loopbackOnly() ? options.host() : shown) + ":" + port + "/");
        server.start();
    }

    /**
     * Starts a studio; it serves until {@link #close}.
     *
     * @throws UserError when the address cannot be bound (e.g. the port is in use)
     */
    public static Studio start(StudioOptions options) {
        try {
            return new Studio(options);
        } catch (IOException e) {
            throw new UserError("studio: cannot listen on " + options.host() + ":" + options.port() + " ("
                    + Jobs.oneLine(e) + ")", e);
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI address() {
        return address;
    }

    /** Stops serving: running jobs are cancelled, waiting ones dropped. */
    @Override
    public void close() {
        jobs.close();
        server.stop(0);
        threads.shutdownNow();
    }

    private static Map.Entry<String, Route> route(String path, String method, Handler handler) {
        return Map.entry(path, new Route(method, handler));
    }

    private void add(String path, Guard guard, Handler handler) {
        HttpContext context = server.createContext(path, guarded(handler));
        context.getFilters().add(guard);
    }

    /** Answers what goes wrong: a refusal with its status, a user's mistake with 400, a bug with 500. */
    private static HttpHandler guarded(Handler handler) {
        return ex -> {
            try {
                handler.handle(ex);
            } catch (Http.Refusal e) {
                answer(ex, e.status, e.getMessage());
            } catch (UserError | UncheckedIOException e) {
                answer(ex, 400, Jobs.oneLine(e));
            } catch (IOException e) {
                // the client went away
            } catch (RuntimeException e) {
                System.err.println("studio: " + ex.getRequestMethod() + " " + ex.getRequestURI() + " failed:");
                e.printStackTrace();
                answer(ex, 500, "internal error: " + Jobs.oneLine(e));
            }
        };
    }

    private static void answer(HttpExchange ex, int status, String message) {
        try {
            Http.error(ex, status, message);
        } catch (IOException | RuntimeException e) {
            // the response was started already (an event stream), or the client went away
        }
    }

    /** Starts a job from the request's fields and streams its events until it ends or the client leaves. */
    private void follow(HttpExchange ex, String kind, JobMaker maker) throws IOException {
        Fields fields = new Fields(Http.jsonBody(ex, MAX_REQUEST));
        long id = jobs.nextId();
        Jobs.Work work = maker.make(id, fields);
        Job job = jobs.submit(id, fields.text("model"), kind, work);
        try (EventStream events = new EventStream(ex)) {
            while (true) {
                Job.Event e = job.next(KEEP_ALIVE_MS);
                if (e == null) {
                    events.keepAlive();
                    continue;
                }
                events.send(e.name(), e.data());
                if (e.last()) {
                    return;
                }
            }
        } catch (IOException gone) {
            jobs.cancel(id);                                              // a closed tab stops its job
        } catch (InterruptedException e) {
            jobs.cancel(id);
            Thread.currentThread().interrupt();
        }
    }

    /** Answers an explorer request as JSON once its model's lane has run it. */
    private static void explore(HttpExchange ex, ExplorerRequest request) throws IOException {
        Fields fields = new Fields(Http.jsonBody(ex, Explorer.MAX_TOKENS * 8L));
        try {
            Http.json(ex, 200, request.answer(fields));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Http.Refusal(503, "the studio is stopping");
        }
    }

    /** One of the explorer's requests. */
    @FunctionalInterface
    private interface ExplorerRequest {
        Object answer(Fields fields) throws InterruptedException;
    }

    /** Makes the work of job {@code id} from a request's fields, or refuses them. */
    @FunctionalInterface
    private interface JobMaker {
        Jobs.Work make(long id, Fields fields);
    }

    private void cancel(HttpExchange ex) throws IOException {
        long id;
        try {
            id = Long.parseLong(parameter(ex, "id"));
        } catch (NumberFormatException e) {
            throw new Http.Refusal(400, "id must be a job number");
        }
        Http.json(ex, 200, Map.of("cancelled", jobs.cancel(id)));
    }

    private void upload(HttpExchange ex) throws IOException {
        String kind = parameter(ex, "kind");
        Uploads.Kind k = switch (kind) {
            case "picture" -> Uploads.Kind.PICTURE;
            case "midi" -> Uploads.Kind.MIDI;
            default -> throw new Http.Refusal(400, "kind must be picture or midi, not '" + kind + "'");
        };
        String name = Http.query(ex).getOrDefault("name", "");
        byte[] body = Http.body(ex, Uploads.MAX_BYTES, name.isBlank() ? "the file" : name);
        Http.json(ex, 201, uploads.store(k, body, name));
    }

    private void file(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new Http.Refusal(405, "files are only read");
        }
        String raw = ex.getRequestURI().getRawPath();
        Optional<Path> found = Optional.empty();
        Shelf shelf = null;
        if (raw.startsWith(STUDIO_FILES)) {
            shelf = outputs.shelf();
            found = shelf.find(raw.substring(STUDIO_FILES.length()));
        } else if (raw.startsWith(RUN_FILES)) {
            shelf = runFiles;
            found = shelf.find(raw.substring(RUN_FILES.length()));
        }
        if (found.isEmpty()) {
            throw new Http.Refusal(404, "no such file");
        }
        Path file = found.get();
        ex.getResponseHeaders().set("Content-Type", shelf.type(file.getFileName().toString()).orElseThrow());
        long size = Files.size(file);
        if (method.equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (OutputStream out = ex.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    private void page(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new Http.Refusal(405, "the page is only read");
        }
        String raw = ex.getRequestURI().getRawPath();
        String name = raw.equals("/") ? "index.html" : raw.substring(1);
        byte[] bytes = page.get(name);
        if (bytes == null) {
            throw new Http.Refusal(404, "no such page");
        }
        Http.send(ex, 200, PAGE.get(name), bytes);
    }

    private static String parameter(HttpExchange ex, String name) {
        String v = Http.query(ex).get(name);
        if (v == null || v.isEmpty()) {
            throw new Http.Refusal(400, "the request needs ?" + name + "=");
        }
        return v;
    }

    private static Map<String, byte[]> readPage() throws IOException {
        Map<String, byte[]> out = new java.util.HashMap<>();
        for (String name : PAGE.keySet()) {
            try (InputStream in = Studio.class.getResourceAsStream("page/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks the studio page's " + name);
                }
                out.put(name, in.readAllBytes());
            }
        }
        return Map.copyOf(out);
    }

    /**
     * The {@code host:port} names under which the studio answers: the address it listens on, with
     * {@code localhost} for the loopback address, and every address of the machine when it listens
     * on all of them.
     */
    static Set<String> hostNames(InetAddress bind, int port) throws IOException {
        Set<InetAddress> addresses = new HashSet<>();
        Set<String> names = new HashSet<>();
        if (bind.isAnyLocalAddress()) {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(n.getInetAddresses()));
            }
            names.add(InetAddress.getLocalHost().getHostName());
        } else {
            addresses.add(bind);
        }
        for (InetAddress a : addresses) {
            String h = a.getHostAddress();
            int zone = h.indexOf('%');
            h = zone < 0 ? h : h.substring(0, zone);
            names.add(h.contains(":") ? "[" + h + "]" : h);
            if (a.isLoopbackAddress()) {
                names.add("localhost");
            }
        }
        Set<String> out = new HashSet<>();
        for (String n : names) {
            out.add(n.toLowerCase(Locale.ROOT) + ":" + port);
        }
        return out;
    }
}
