package groupchat.uploads;

import groupchat.testsupport.Images;
import groupchat.testsupport.Multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UploadTest {
    static final long MiB = 1024 * 1024;
    static TestServer server;
    static Api api;
    static TestUser alice;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        alice = api.register("alice");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachImageTypeIsJudgedByItsBytes() {
        Map<String, byte[]> images = Map.of("image/png", Images.png(), "image/jpeg", Images.jpeg(),
                "image/gif", Images.gif(), "image/webp", Images.webp());
        Map<String, String> extensions = Map.of("image/png", "png", "image/jpeg", "jpg", "image/gif", "gif",
                "image/webp", "webp");
        images.forEach((type, bytes) -> {
            // The name and declared type say nothing true; only the bytes count.
            Response r = Multipart.file("picture.bin", "application/octet-stream", bytes)
                    .post(server, "/api/upload", alice.token());
            assertEquals(201, r.status(), type + ": " + r);
            assertEquals(type, r.body().get("content_type").asText());
            assertEquals(bytes.length, r.body().get("size").asLong());
            String url = r.body().get("url").asText();
            assertTrue(url.matches("/uploads/chat-images/[A-Za-z0-9_-]{22}\\." + extensions.get(type)), url);
            Response served = api.get(url, null);
            assertEquals(200, served.status());
            assertEquals(type, served.header("Content-Type"));
            assertArrayEquals(bytes, served.raw().body());
        });
    }

    @Test
    void textRenamedPngIsRefused() {
        Response r = Multipart.file("notes.png", "image/png", "just some text, not a picture".getBytes())
                .post(server, "/api/upload", alice.token());
        assertEquals(415, r.status(), r.toString());
        assertEquals("unsupported_media_type", r.body().get("code").asText());
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("DENY", r.header("X-Frame-Options"));
    }

    @Test
    void svgAndHtmlAreRefused() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes();
        assertEquals(415, Multipart.file("x.svg", "image/svg+xml", svg).post(server, "/api/upload", alice.token()).status());
        byte[] html = "<!doctype html><script>alert(1)</script>".getBytes();
        assertEquals(415, Multipart.file("x.gif", "image/gif", html).post(server, "/api/auth/avatar", alice.token()).status());
    }

    @Test
    void pngDeclaredAsTextIsAccepted() {
        Response r = Multipart.file("readme.txt", "text/plain", Images.png()).post(server, "/api/upload", alice.token());
        assertEquals(201, r.status(), r.toString());
        assertEquals("image/png", r.body().get("content_type").asText());
        assertTrue(r.body().get("url").asText().endsWith(".png"));
    }

    @Test
    void chatImageOfExactlyFiveMegabytesIsAcceptedAndOneByteMoreIsRefused() throws IOException {
        Response ok = Multipart.file("a.png", "image/png", Images.pngOfSize(5 * MiB)).post(server, "/api/upload", alice.token());
        assertEquals(201, ok.status(), ok.toString());
        assertEquals(5 * MiB, ok.body().get("size").asLong());
        assertArrayEquals(Images.pngOfSize(5 * MiB), api.get(ok.body().get("url").asText(), null).raw().body());

        Set<String> before = stored();
        Response over = Multipart.file("a.png", "image/png", Images.pngOfSize(5 * MiB + 1))
                .post(server, "/api/upload", alice.token());
        assertEquals(413, over.status(), over.toString());
        assertEquals("too_large", over.body().get("code").asText());
        assertEquals("nosniff", over.header("X-Content-Type-Options"));
        assertEquals(before, stored(), "a refused upload leaves nothing behind");
    }

    @Test
    void avatarOfExactlyTwoMegabytesIsAcceptedAndOneByteMoreIsRefused() throws IOException {
        TestUser bob = api.register("bob_limits");
        Response ok = Multipart.file("a.png", "image/png", Images.pngOfSize(2 * MiB)).post(server, "/api/auth/avatar", bob.token());
        assertEquals(200, ok.status(), ok.toString());

        Set<String> before = stored();
        Response over = Multipart.file("a.png", "image/png", Images.pngOfSize(2 * MiB + 1))
                .post(server, "/api/auth/avatar", bob.token());
        assertEquals(413, over.status(), over.toString());
        assertEquals("too_large", over.body().get("code").asText());
        assertEquals(before, stored(), "a refused upload leaves nothing behind");
        assertEquals(ok.body().get("avatar_url"), api.get("/api/auth/me", bob.token()).body().get("avatar_url"));
    }

    @Test
    void hugeDeclaredBodyIsRefusedBeforeItIsRead() throws IOException {
        Set<String> before = stored();
        long length = 200 * MiB;
        AtomicInteger sent = new AtomicInteger();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/upload"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + alice.token())
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(length, sent)), length))
                .build();
        assertRefusedAsTooLarge(request);
        assertTrue(sent.get() < length, "the body was not read to its end");
        assertEquals(before, stored());
    }

    @Test
    void streamedBodyWithoutLengthIsCutOffAtTheLimit() throws IOException {
        Set<String> before = stored();
        long length = 200 * MiB;
        AtomicInteger sent = new AtomicInteger();
        byte[] head = ("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/upload"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + alice.token())
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(head), new Filler(length, sent))))
                .build();
        assertRefusedAsTooLarge(request);
        assertTrue(sent.get() < length, "the body was not read to its end");
        assertEquals(before, stored());
    }

    @Test
    void emptyFileIsRefused() {
        Response r = Multipart.file("a.png", "image/png", new byte[0]).post(server, "/api/upload", alice.token());
        assertEquals(400, r.status(), r.toString());
        assertEquals("invalid_request", r.body().get("code").asText());
        assertTrue(r.body().get("error").asText().contains("file"));
    }

    @Test
    void missingFileFieldIsRefused() {
        Response r = new Multipart().field("other", "value").post(server, "/api/upload", alice.token());
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().get("error").asText().contains("file"));
        Response avatar = new Multipart().part("picture", "a.png", "image/png", Images.png())
                .post(server, "/api/auth/avatar", alice.token());
        assertEquals(400, avatar.status(), avatar.toString());
    }

    @Test
    void bodyThatIsNotMultipartIsRefused() {
        Response r = api.sendRaw("POST", "/api/upload", alice.token(), Images.png(), "image/png");
        assertEquals(400, r.status(), r.toString());
        Response broken = api.sendRaw("POST", "/api/upload", alice.token(), "garbage".getBytes(),
                "multipart/form-data; boundary=xyz");
        assertEquals(400, broken.status(), broken.toString());
    }

    @Test
    void uploadsNeedAToken() {
        assertEquals(401, Multipart.file("a.png", "image/png", Images.png()).post(server, "/api/upload", null).status());
        assertEquals(401, Multipart.file("a.png", "image/png", Images.png()).post(server, "/api/auth/avatar", "bad").status());
    }

    @Test
    void newAvatarReplacesTheOldOneAndItsFile() {
        TestUser carol = api.register("carol");
        Response first = Multipart.file("a.png", "image/png", Images.png()).post(server, "/api/auth/avatar", carol.token());
        assertEquals(200, first.status(), first.toString());
        assertEquals(carol.id(), first.body().get("id").asText());
        String firstUrl = first.body().get("avatar_url").asText();
        assertTrue(firstUrl.matches("/uploads/avatars/[A-Za-z0-9_-]{22}\\.png"), firstUrl);
        assertTrue(stored().contains(firstUrl));

        Response second = Multipart.file("b.gif", "image/gif", Images.gif()).post(server, "/api/auth/avatar", carol.token());
        assertEquals(200, second.status(), second.toString());
        String secondUrl = second.body().get("avatar_url").asText();
        assertTrue(secondUrl.endsWith(".gif"));
        assertNotEquals(firstUrl, secondUrl);
        assertFalse(stored().contains(firstUrl), "the replaced avatar's file is removed");
        assertEquals(404, api.get(firstUrl, null).status());
        assertArrayEquals(Images.gif(), api.get(secondUrl, null).raw().body());
        assertEquals(secondUrl, api.get("/api/auth/me", carol.token()).body().get("avatar_url").asText());
    }

    @Test
    void burstOfTwentyUploadsAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] bytes = Images.pngOfSize(40_000 + i * 1_000);
                sent.add(bytes);
                answers.add(pool.submit(() -> Multipart.file("p.png", "image/png", bytes)
                        .post(server, "/api/upload", alice.token())));
            }
            Set<String> urls = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                Response r = answers.get(i).get();
                assertEquals(201, r.status(), r.toString());
                String url = r.body().get("url").asText();
                urls.add(url);
                assertArrayEquals(sent.get(i), api.get(url, null).raw().body());
            }
            assertEquals(20, urls.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The server answers 413 and closes the connection while the client is still sending; the
     * client then sees either that answer or, when the close wins the race, a broken connection.
     * Either way the upload must not have been read to its end and accepted.
     */
    static void assertRefusedAsTooLarge(HttpRequest request) {
        Response r;
        try {
            r = api.execute(request);
        } catch (IllegalStateException e) {
            assertTrue(e.getCause() instanceof IOException, e.toString());
            return;
        }
        assertEquals(413, r.status(), r.toString());
        assertEquals("too_large", r.body().get("code").asText());
    }

    /**
     * Every file under UPLOADS_DIR (temp and spool files included) as its path there, and on
     * PostgreSQL every file stored in the database, as its URL.
     */
    static Set<String> stored() {
        Path root = server.dir().resolve("uploads");
        Set<String> stored = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(p -> stored.add("/uploads/" + root.relativize(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (server.postgres() != null) {
            try (Connection c = server.postgres().connect();
                 ResultSet rows = c.createStatement().executeQuery("SELECT url FROM upload_files")) {
                while (rows.next()) stored.add(rows.getString(1));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return stored;
    }

    /** Bytes made up as they are read, counting how many the client actually sent. */
    static final class Filler extends InputStream {
        private final long length;
        private final AtomicInteger sent;

        Filler(long length, AtomicInteger sent) {
            this.length = length;
            this.sent = sent;
        }

        @Override
        public int read() {
            if (sent.get() >= length) return -1;
            sent.incrementAndGet();
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = length - sent.get();
            if (left <= 0) return -1;
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            sent.addAndGet(n);
            return n;
        }
    }
}
