package org.attentionsuite.app.studio;

import static org.attentionsuite.app.studio.StudioFixtures.get;
import static org.attentionsuite.app.studio.StudioFixtures.raw;
import static org.attentionsuite.app.studio.StudioFixtures.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.attentionsuite.app.cli.SuiteCli;
import org.attentionsuite.app.studio.StudioFixtures.Event;
import org.attentionsuite.image.fuzz.ImageSeedCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio as a client sees it over HTTP: the page from the jar, the safety checks, jobs that
 * make what the command line makes, the queue, cancellation and many clients at once. Models are
 * an untrained 8x8 one under the runs folder and, for music, the shipped chorale model.
 */
class StudioServerIT {
    static final String TINY = "runs/tiny/best.ckpt";

    @TempDir
    static Path dir;
    static Path runs;
    static Path out;
    static Studio studio;
    static URI address;

    @BeforeAll
    static void start() throws IOException {
        runs = dir.resolve("runs");
        out = dir.resolve("studio-out");
        StudioFixtures.tinyRun(runs);
        studio = StudioFixtures.studio(runs, out);
        address = studio.address();
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    private static StudioFixtures.Stream job(String path, JsonObject request) throws IOException {
        return new StudioFixtures.Stream(address, path, request);
    }

    private static Event last(List<Event> events) {
        return events.get(events.size() - 1);
    }

    /** Runs {@code command} (as the studio printed it) through the CLI in this process. */
    private static void runCommandLine(String command) {
        assertTrue(command.startsWith("./suite "), command);
        String[] args = command.substring("./suite ".length()).split(" ");
        assertEquals(0, SuiteCli.run(args), command);
    }

    private static Path outputFile(String url) {
        assertTrue(url.startsWith(Studio.STUDIO_FILES), url);
        return out.resolve(url.substring(Studio.STUDIO_FILES.length()));
    }

    @Test
    void thePageAndItsScriptsComeFromTheStudioAlone() throws IOException {
        StudioFixtures.Response page = get(address, "/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script src=\"/studio.js\""), page.body());
        for (String file : new String[] {"/", "/studio.js", "/studio.css"}) {
            String body = get(address, file).body();
            assertFalse(body.matches("(?s).*(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/.*"), file + " loads something from "
                    + "another site");
        }
        assertEquals(404, get(address, "/nothing.js").status());
    }

    @Test
    void foreignHostsAndOriginsAreRefused() throws IOException {
        String own = address.getHost() + ":" + address.getPort();
        assertEquals(200, raw(address, "GET", "/api/models", Map.of("Host", own), new byte[0]).status());
        assertEquals(200, raw(address, "GET", "/api/models", Map.of("Host", "localhost:" + address.getPort()),
                new byte[0]).status());
        for (String host : new String[] {"evil.example:" + address.getPort(), "evil.example", own + ".evil.example",
            "127.0.0.1:1"}) {
            StudioFixtures.Response r = raw(address, "GET", "/", Map.of("Host", host), new byte[0]);
            assertEquals(403, r.status(), host);
            assertTrue(r.json().get("error").getAsString().contains("Host"), r.body());
        }
        byte[] body = request("model", TINY).toString().getBytes(StandardCharsets.UTF_8);
        StudioFixtures.Response crossSite = raw(address, "POST", "/api/images/sample",
                Map.of("Origin", "http://evil.example", "Content-Type", "application/json"), body);
        assertEquals(403, crossSite.status());
        assertTrue(crossSite.json().get("error").getAsString().contains("Origin"), crossSite.body());
        assertEquals(403, raw(address, "POST", "/api/uploads?kind=midi", Map.of("Origin", "null"), body).status());
    }

    @Test
    void stateChangesOnlyByPostAndJobsOnlyAsJson() throws IOException {
        for (String path : new String[] {"/api/images/sample", "/api/images/complete", "/api/music/generate",
            "/api/uploads?kind=midi", "/api/jobs/cancel?id=1"}) {
            assertEquals(405, get(address, path).status(), path);
        }
        assertEquals(405, raw(address, "POST", "/api/models", Map.of(), new byte[0]).status());
        assertEquals(405, raw(address, "DELETE", "/files/runs/tiny/loss.png", Map.of(), new byte[0]).status());
        byte[] body = request("model", TINY).toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(415, raw(address, "POST", "/api/images/sample", Map.of("Content-Type", "text/plain"), body)
                .status(), "a form post cannot start a job");
    }

    @Test
    void filesAreServedByPlainNameFromTheTwoFoldersOnly() throws IOException {
        Path job = out.resolve("job-9999");
        Files.createDirectories(job);
        Files.writeString(job.resolve("a.png"), "png");
        Files.writeString(job.resolve(".hidden.png"), "hidden");
        Files.writeString(dir.resolve("secret.png"), "secret");
        Files.createSymbolicLink(job.resolve("link.png"), dir.resolve("secret.png"));
        Files.createSymbolicLink(out.resolve("escape"), dir);
        assertEquals(200, get(address, "/files/studio/job-9999/a.png").status());
        assertEquals("png", get(address, "/files/studio/job-9999/a.png").body());
        assertEquals(200, get(address, "/files/runs/tiny/loss.png").status());
        for (String path : new String[] {
            "/files/studio/../secret.png", "/files/studio/job-9999/../../secret.png",
            "/files/studio/%2e%2e/secret.png", "/files/studio/..%2fsecret.png", "/files/studio/%2E%2E%2Fsecret.png",
            "/files/studio//" + dir.resolve("secret.png").toString().substring(1),
            "/files/studio/" + dir.resolve("secret.png"), "/files/studio/job-9999%5c..%5c..%5csecret.png",
            "/files/studio/job-9999/.hidden.png", "/files/studio/job-9999/link.png", "/files/studio/escape/secret.png",
            "/files/runs/tiny/best.ckpt", "/files/runs/tiny/metrics.jsonl/", "/files/../../etc/passwd",
            "/files/runs/..%5c..%5csecret.png", "/files/studio/job-9999/a.png%00.png", "/files/other/a.png"}) {
            StudioFixtures.Response r = get(address, path);
            assertEquals(404, r.status(), path);
            assertFalse(r.body().contains("secret"), path);
        }
    }

    @Test
    void aSampledImageGrowsInThePageAndIsTheCommandLinesByteForByte() throws IOException {
        List<Event> events;
        try (StudioFixtures.Stream s = job("/api/images/sample", request("model", TINY, "count", 3, "seed", 11,
                "temperature", 0.9, "topK", 40))) {
            assertEquals(200, s.status);
            events = s.rest();
        }
        assertEquals(List.of("queued", "started", "image"), events.subList(0, 3).stream().map(Event::name).toList());
        Event done = last(events);
        assertEquals("done", done.name(), events.toString());
        // the progress events carry every intensity once, in the model's order
        JsonObject image = events.get(2).object();
        JsonArray raster = image.getAsJsonArray("raster");
        int[][] drawn = new int[3][64];
        int[] next = new int[3];                                // each image's intensities so far
        for (Event e : events) {
            if (e.name().equals("progress")) {
                JsonObject p = e.object();
                JsonArray from = p.getAsJsonArray("from");
                JsonArray tokens = p.getAsJsonArray("tokens");
                for (int s = 0; s < 3; s++) {
                    assertEquals(next[s], from.get(s).getAsInt(), "image " + s);
                    JsonArray t = tokens.get(s).getAsJsonArray();
                    for (int k = 0; k < t.size(); k++) {
                        drawn[s][raster.get(next[s] + k).getAsInt()] = t.get(k).getAsInt();
                    }
                    next[s] += t.size();
                }
            }
        }
        assertArrayEquals(new int[] {64, 64, 64}, next);
        JsonObject result = done.object();
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(Http.GSON.fromJson(result.getAsJsonArray("images").get(s), int[].class), drawn[s],
                    "image " + s + " as drawn");
        }
        String command = result.get("command").getAsString();
        assertTrue(command.contains("--checkpoint " + runs.resolve("tiny/best.ckpt")) && command.contains("--seed 11")
                && command.contains("--temperature 0.9") && command.contains("--top-k 40"), command);
        // the same command line makes the same files, byte for byte
        List<String> urls = new ArrayList<>();
        result.getAsJsonArray("files").forEach(u -> urls.add(u.getAsString()));
        urls.add(result.get("grid").getAsString());
        List<byte[]> studioBytes = new ArrayList<>();
        for (String url : urls) {
            StudioFixtures.Response r = get(address, url);
            assertEquals(200, r.status(), url);
            studioBytes.add(Files.readAllBytes(outputFile(url)));
            Files.delete(outputFile(url));
        }
        runCommandLine(command);
        for (int i = 0; i < urls.size(); i++) {
            assertArrayEquals(studioBytes.get(i), Files.readAllBytes(outputFile(urls.get(i))), urls.get(i));
        }
    }

    @Test
    void completionsOfAnUploadedPictureAreTheCommandLinesByteForByte() throws IOException {
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(12, 10,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        picture.setRGB(3, 4, 0xffffff);
        Path file = dir.resolve("mine.png");
        javax.imageio.ImageIO.write(picture, "png", file.toFile());
        StudioFixtures.Response up = raw(address, "POST", "/api/uploads?kind=picture&name=mine.png", Map.of(),
                Files.readAllBytes(file));
        assertEquals(201, up.status(), up.body());
        assertEquals("12x10 picture", up.json().get("description").getAsString());
        String name = up.json().get("name").getAsString();
        JsonObject done;
        try (StudioFixtures.Stream s = job("/api/images/complete", request("model", TINY, "upload", name, "count", 1,
                "perImage", 2, "rows", 3, "class", 4, "seed", 5))) {
            done = last(s.rest()).object();
        }
        assertEquals(4, done.get("keptRows").getAsInt(), "three rows round up to the 4-row query blocks");
        Path grid = outputFile(done.get("grid").getAsString());
        byte[] bytes = Files.readAllBytes(grid);
        Files.delete(grid);
        String command = done.get("command").getAsString();
        assertTrue(command.contains("--data " + out.resolve("uploads").resolve(name)) && command.contains("--class 4")
                && command.contains("--rows 3"), command);
        runCommandLine(command);
        assertArrayEquals(bytes, Files.readAllBytes(grid));
    }

    @Test
    void choraleMidiAndWavAreTheCommandLinesByteForByte() throws IOException {
        JsonObject done;
        try (StudioFixtures.Stream s = job("/api/music/generate", request("model", "jsb-chorales", "tokens", 33,
                "seed", 3))) {
            done = last(s.rest()).object();
        }
        assertEquals(33, done.getAsJsonArray("tokens").size(), done.toString());
        List<String> urls = List.of(done.get("midi").getAsString(), done.get("wav").getAsString(),
                done.get("roll").getAsString());
        List<byte[]> bytes = new ArrayList<>();
        for (String url : urls) {
            bytes.add(Files.readAllBytes(outputFile(url)));
            Files.delete(outputFile(url));
        }
        runCommandLine(done.get("command").getAsString());
        for (int i = 0; i < urls.size(); i++) {
            assertArrayEquals(bytes.get(i), Files.readAllBytes(outputFile(urls.get(i))), urls.get(i));
        }
    }

    @Test
    void hostileUploadsAreRefusedWithAMessageAndTheServerGoesOn() throws IOException {
        byte[] truncatedMidi = {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 2, 0, 96, 'M', 'T', 'r', 'k', 0, 0, 0, 40, 0,
            (byte) 0x90, 60};
        Map<String, byte[]> hostile = Map.of(
                "midi&name=broken.mid", truncatedMidi,
                "midi&name=not.mid", "hello".getBytes(StandardCharsets.UTF_8),
                "picture&name=huge.png", ImageSeedCorpus.pngClaiming(100_000, 100_000),
                "picture&name=text.png", "not a picture".getBytes(StandardCharsets.UTF_8),
                "picture&name=bomb.png", gzipOfZeros(8 << 20));
        Set<String> kept = new HashSet<>();
        try (Stream<Path> files = Files.list(out.resolve("uploads")).onClose(() -> { })) {
            files.forEach(p -> kept.add(p.getFileName().toString()));
        } catch (IOException absent) {
            // nothing uploaded yet
        }
        for (Map.Entry<String, byte[]> e : hostile.entrySet()) {
            StudioFixtures.Response r = raw(address, "POST", "/api/uploads?kind=" + e.getKey(), Map.of(), e.getValue());
            assertEquals(400, r.status(), e.getKey() + ": " + r.body());
            String name = e.getKey().substring(e.getKey().indexOf("name=") + 5);
            assertTrue(r.json().get("error").getAsString().startsWith(name + ": "), r.body());
        }
        assertTrue(raw(address, "POST", "/api/uploads?kind=picture&name=huge.png", Map.of(),
                ImageSeedCorpus.pngClaiming(100_000, 100_000)).body().contains("declares 100000x100000"));
        StudioFixtures.Response big = raw(address, "POST", "/api/uploads?kind=midi&name=big.mid", Map.of(),
                new byte[Uploads.MAX_BYTES + 1]);
        assertEquals(413, big.status());
        try (Stream<Path> files = Files.list(out.resolve("uploads"))) {
            assertEquals(kept, new HashSet<>(files.map(p -> p.getFileName().toString()).toList()),
                    "refused files are not kept");
        }
        assertEquals(400, raw(address, "POST", "/api/uploads?kind=exe", Map.of(), new byte[1]).status());
        assertEquals(200, get(address, "/api/models").status(), "still serving");
    }

    private static byte[] gzipOfZeros(int n) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(new byte[n]);
        }
        return bytes.toByteArray();
    }

    @Test
    void badRequestsAreAnsweredWithTheirMistake() throws IOException {
        try (StudioFixtures.Stream s = job("/api/images/sample", request("model", TINY, "count", 0))) {
            assertEquals(400, s.status);
            assertTrue(s.refusal().contains("--count (0) must be in 1..1024"));
        }
        try (StudioFixtures.Stream s = job("/api/images/sample", request("model", "nothing"))) {
            assertEquals(404, s.status);
        }
        try (StudioFixtures.Stream s = job("/api/images/sample", request("model", TINY, "temperature", "hot"))) {
            assertEquals(400, s.status);
            assertTrue(s.refusal().contains("\\\"temperature\\\" must be a number"));
        }
        try (StudioFixtures.Stream s = job("/api/images/sample", request("model", "jsb-chorales", "count", 1))) {
            List<Event> events = s.rest();
            assertEquals("error", last(events).name());
            assertTrue(last(events).object().get("error").getAsString().contains("music model"), events.toString());
        }
        try (StudioFixtures.Stream s = job("/api/images/sample", request("model", TINY, "count", 1, "class", 12))) {
            assertEquals("--class (12) must be in 0..9", last(s.rest()).object().get("error").getAsString());
        }
    }

    /** A POST of {@code json} exactly as written (numbers Gson would not write included). */
    private static StudioFixtures.Response post(String path, String json) throws IOException {
        return raw(address, "POST", path, Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestsOutsideTheModelOrTheNumbersAreAnsweredWithTheirMistake() throws IOException {
        int[] raster = new int[64];
        raster[5] = 300;
        Map<String, StudioFixtures.Response> answers = new java.util.LinkedHashMap<>();
        answers.put("token id", post("/api/explore/music", "{\"model\":\"jsb-chorales\",\"tokens\":[60,99999]}"));
        answers.put("position", post("/api/explore/music",
                "{\"model\":\"jsb-chorales\",\"tokens\":[60,61],\"position\":2}"));
        answers.put("no tokens", post("/api/explore/music", "{\"model\":\"jsb-chorales\",\"tokens\":[]}"));
        answers.put("intensity", post("/api/explore/image", request("model", TINY, "image", raster, "class", 0)
                .toString()));
        answers.put("seconds", post("/api/music/generate", "{\"model\":\"jsb-chorales\",\"seconds\":1e400}"));
        answers.put("primer seconds", post("/api/music/generate",
                "{\"model\":\"jsb-chorales\",\"primerSeconds\":-1e400}"));
        answers.forEach((what, a) -> {
            assertEquals(400, a.status(), what + ": " + a.body());
            assertFalse(a.json().get("error").getAsString().startsWith("internal error"), what + ": " + a.body());
        });
        assertEquals("token 99999 at position 1 is not one of the model's ids 0..130",
                answers.get("token id").json().get("error").getAsString());
        assertEquals("intensity 300 of pixel 0,5 channel 0 is outside 0..255",
                answers.get("intensity").json().get("error").getAsString());
        assertEquals("\"seconds\" (1E+400) is beyond the range of a number",
                answers.get("seconds").json().get("error").getAsString());
        for (int layer : new int[] {0, 5}) {
            StudioFixtures.Response a = post("/api/explore/music",
                    "{\"model\":\"jsb-chorales\",\"tokens\":[60,61],\"layer\":" + layer + "}");
            assertEquals(400, a.status(), a.body());
            assertEquals("layer " + layer + " is not one of the model's layers 1..4",
                    a.json().get("error").getAsString());
        }
    }

    @Test
    void aWaitingJobIsShownInTheQueueAndCancelStopsJobs() throws IOException {
        // a job of a few seconds: the shipped fashion-mnist model drawing 16 images
        try (StudioFixtures.Stream long1 = job("/api/images/sample", request("model", "fashion-mnist", "count", 16));
             StudioFixtures.Stream long2 = startedAfter(long1)) {
            Event queued = long2.next();
            assertEquals("queued", queued.name());
            assertEquals(1, queued.object().get("ahead").getAsInt(), "one job runs ahead of it");
            JsonArray queue = get(address, "/api/queue").json().getAsJsonArray("jobs");
            assertEquals(2, queue.size(), queue.toString());
            long first = queue.get(0).getAsJsonObject().get("id").getAsLong();
            long second = queued.object().get("id").getAsLong();
            assertEquals(200, raw(address, "POST", "/api/jobs/cancel?id=" + second, Map.of(), new byte[0]).status());
            assertEquals("cancelled", last(long2.rest()).name());
            raw(address, "POST", "/api/jobs/cancel?id=" + first, Map.of(), new byte[0]);
            assertEquals("cancelled", last(long1.rest()).name());
            assertFalse(Files.exists(out.resolve(String.format("job-%04d", first)).resolve("samples.png")),
                    "a cancelled job writes nothing");
        }
        assertEquals(0, get(address, "/api/queue").json().getAsJsonArray("jobs").size());
    }

    /** Reads {@code running} until its job draws, then starts a second job on the same model. */
    private static StudioFixtures.Stream startedAfter(StudioFixtures.Stream running) throws IOException {
        for (Event e = running.next(); !e.name().equals("progress"); e = running.next()) {
            assertNotEquals("done", e.name());
        }
        return job("/api/images/sample", request("model", "fashion-mnist", "count", 1));
    }

    @Test
    void aClientThatGoesAwayStopsItsJob() throws IOException, InterruptedException {
        long id;
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            byte[] body = request("model", "fashion-mnist", "count", 16).toString().getBytes(StandardCharsets.UTF_8);
            OutputStream o = socket.getOutputStream();
            o.write(("POST /api/images/sample HTTP/1.1\r\nHost: " + address.getHost() + ":" + address.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            o.write(body);
            o.flush();
            InputStream in = socket.getInputStream();
            String seen = "";
            while (!seen.contains("event: progress")) {
                int b = in.read();
                assertTrue(b >= 0, seen);
                seen += (char) b;
            }
            id = Long.parseLong(seen.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        }                                                                 // the tab is closed
        for (int i = 0; i < 600 && get(address, "/api/queue").json().getAsJsonArray("jobs").size() > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(0, get(address, "/api/queue").json().getAsJsonArray("jobs").size(), "the job did not stop");
        assertFalse(Files.exists(out.resolve(String.format("job-%04d", id)).resolve("samples.png")));
    }

    @Test
    void tenClientsAtOnceEachGetTheirOwnImages() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<Future<JsonObject>> results = new ArrayList<>();
            for (int seed = 1; seed <= 10; seed++) {
                int s = seed;
                results.add(clients.submit(() -> {
                    try (StudioFixtures.Stream st = job("/api/images/sample", request("model", TINY, "count", 2,
                            "seed", s))) {
                        List<Event> events = st.rest();
                        assertEquals("done", last(events).name(), events.toString());
                        return last(events).object();
                    }
                }));
            }
            Set<String> grids = new HashSet<>();
            Set<String> images = new HashSet<>();
            for (int seed = 1; seed <= 10; seed++) {
                JsonObject done = results.get(seed - 1).get();
                assertTrue(done.get("command").getAsString().endsWith("--seed " + seed + " --out "
                        + outputFile(done.get("grid").getAsString()).getParent()), done.get("command").getAsString());
                grids.add(done.get("grid").getAsString());
                images.add(done.getAsJsonArray("images").toString());
                // each client's images are the ones its own seed gives
                try (StudioFixtures.Stream again = job("/api/images/sample", request("model", TINY, "count", 2,
                        "seed", seed))) {
                    assertEquals(done.getAsJsonArray("images"), last(again.rest()).object().getAsJsonArray("images"));
                }
            }
            assertEquals(10, grids.size(), "ten folders");
            assertEquals(10, images.size(), "ten different samples");
        } finally {
            clients.shutdownNow();
        }
        assertEquals(200, get(address, "/api/models").status());
    }

    @Test
    void runsShowTheirCurvesAndFiles() throws IOException {
        JsonObject list = get(address, "/api/runs").json();
        assertEquals("[\"tiny\"]", list.getAsJsonArray("runs").toString(), "the studio's own folder is not a run");
        JsonObject run = get(address, "/api/run?name=tiny").json();
        assertEquals("bits/dim", run.get("unit").getAsString());
        assertEquals("[[10.0,5.77],[20.0,5.05]]", run.getAsJsonArray("train").toString());
        assertEquals("[[20.0,5.19]]", run.getAsJsonArray("eval").toString());
        assertEquals("[\"/files/runs/tiny/loss.png\"]", run.getAsJsonArray("files").toString());
        assertEquals(404, get(address, "/api/run?name=..").status());
        JsonObject models = get(address, "/api/models").json();
        assertTrue(models.getAsJsonArray("models").toString().contains(TINY), models.toString());
        JsonObject tiny = get(address, "/api/model?id=" + TINY).json();
        assertEquals("image", tiny.get("kind").getAsString());
        assertEquals(10, tiny.getAsJsonArray("classes").size());
        assertTrue(Arrays.asList("music", "image").contains(get(address, "/api/model?id=jsb-chorales").json()
                .get("kind").getAsString()));
    }
}
