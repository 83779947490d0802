package groupchat.uploads;

import groupchat.testsupport.Images;
import groupchat.testsupport.Multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UploadServingTest {
    static final String SECRET = "top-secret-outside-uploads";
    static TestServer server;
    static Api api;
    static String token;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        api = server.api();
        token = api.register("alice").token();
        // Files beside and above the uploads folder that no URL may ever reach.
        Files.writeString(server.dir().resolve("secret.txt"), SECRET);
        Files.writeString(server.dir().resolve("uploads").resolve("secret.txt"), SECRET);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void uploadedFileIsServedWithSafeHeaders() {
        String url = upload(Images.jpeg());
        Response r = api.get(url, null);
        assertEquals(200, r.status());
        assertEquals("image/jpeg", r.header("Content-Type"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("public, max-age=31536000, immutable", r.header("Cache-Control"));
        assertTrue(r.header("Content-Security-Policy").startsWith("default-src 'none'"), r.header("Content-Security-Policy"));
        assertEquals(1, r.raw().headers().allValues("Content-Security-Policy").size());
        assertNotNull(r.header("Last-Modified"));
        String etag = r.header("ETag");
        assertNotNull(etag);
        assertArrayEquals(Images.jpeg(), r.raw().body());

        Response again = api.send("GET", url, null, null, Map.of("If-None-Match", etag));
        assertEquals(304, again.status());
        assertEquals(0, again.raw().body().length);
        Response other = api.send("GET", url, null, null, Map.of("If-None-Match", "\"something-else\""));
        assertEquals(200, other.status());
    }

    @Test
    void uploadsNeedNoToken() {
        String url = upload(Images.png());
        assertEquals(200, api.get(url, null).status());
    }

    @Test
    void missingUploadIs404() {
        assertEquals(404, api.get("/uploads/missing.png", null).status());
        assertEquals(404, api.get("/uploads/chat-images/AAAAAAAAAAAAAAAAAAAAAA.png", null).status());
        assertEquals(404, api.get("/uploads/chat-images/", null).status());
        assertEquals(404, api.get("/uploads/", null).status());
    }

    @Test
    void noPathTrickReadsOutsideTheUploadsFolder() throws IOException {
        List<String> paths = List.of(
                "/uploads/../secret.txt",
                "/uploads/../chat.db",
                "/uploads/chat-images/../../secret.txt",
                "/uploads/secret.txt",
                "/uploads/%2e%2e/secret.txt",
                "/uploads/%2E%2E/chat.db",
                "/uploads/%252e%252e/secret.txt",
                "/uploads/chat-images/..%2f..%2fsecret.txt",
                "/uploads/chat-images/%2e%2e%2f%2e%2e%2fsecret.txt",
                "/uploads/chat-images/..%5c..%5csecret.txt",
                "/uploads/..\\secret.txt",
                "/uploads/chat-images/..\\..\\secret.txt",
                "/uploads//etc/passwd",
                "/uploads/%2fetc%2fpasswd",
                "/uploads/chat-images/..;/..;/secret.txt",
                "/uploads/chat-images/%c0%ae%c0%ae/secret.txt",
                "/uploads/avatars/../../secret.txt%00.png");
        for (String path : paths) {
            RawResponse r = rawGet(path);
            assertNotEquals(200, r.status(), path);
            assertFalse(r.text().contains(SECRET), path);
            assertFalse(r.text().contains("SQLite format 3"), path);
            assertFalse(r.text().contains("root:"), path);
        }
    }

    @Test
    void symlinkInsideUploadsIsNotFollowed() throws IOException {
        Path link = server.dir().resolve("uploads/chat-images/AAAAAAAAAAAAAAAAAAAAAB.png");
        Files.createSymbolicLink(link, server.dir().resolve("secret.txt"));
        Path relativeLink = server.dir().resolve("uploads/avatars/AAAAAAAAAAAAAAAAAAAAAC.gif");
        Files.createSymbolicLink(relativeLink, Path.of("../../secret.txt"));
        for (String path : List.of("/uploads/chat-images/AAAAAAAAAAAAAAAAAAAAAB.png",
                "/uploads/avatars/AAAAAAAAAAAAAAAAAAAAAC.gif")) {
            RawResponse r = rawGet(path);
            assertEquals(404, r.status(), path);
            assertFalse(r.text().contains(SECRET), path);
        }
    }

    @Test
    void issuedChatImagesAreRecognisedAndReadable() throws IOException {
        String image = upload(Images.gif());
        Response avatar = Multipart.file("a.png", "image/png", Images.png()).post(server, "/api/auth/avatar", token);
        String avatarUrl = avatar.body().get("avatar_url").asText();
        // A file dropped into the folder by hand was never issued.
        Files.write(server.dir().resolve("uploads/chat-images/AAAAAAAAAAAAAAAAAAAAAD.png"), Images.png());
        String deleted = upload(Images.png());
        Files.delete(server.dir().resolve("uploads").resolve(deleted.substring("/uploads/".length())));

        try (var db = new groupchat.storage.SqliteDatabase(server.dir().resolve("chat.db"))) {
            ChatImages service = new UploadService(db, new FileUploadStore(server.dir().resolve("uploads")),
                    new groupchat.storage.Timestamps(java.time.Clock.systemUTC()), new groupchat.auth.UserCache(db, () -> { }));
            assertTrue(service.isIssuedChatImage(image));
            assertFalse(service.isIssuedChatImage(avatarUrl), "an avatar is not a chat image");
            assertFalse(service.isIssuedChatImage("/uploads/chat-images/AAAAAAAAAAAAAAAAAAAAAD.png"));
            assertFalse(service.isIssuedChatImage(deleted), "its file is gone");
            assertFalse(service.isIssuedChatImage("https://example.com/x.png"));
            assertFalse(service.isIssuedChatImage("/uploads/chat-images/../../chat.db"));
            assertFalse(service.isIssuedChatImage(null));

            StoredImage read = service.readChatImage(image).orElseThrow();
            assertArrayEquals(Images.gif(), read.bytes());
            assertEquals("image/gif", read.contentType());
            assertTrue(service.readChatImage(avatarUrl).isEmpty());
            assertTrue(service.readChatImage(deleted).isEmpty());
        }
    }

    static String upload(byte[] bytes) {
        Response r = Multipart.file("x", "application/octet-stream", bytes).post(server, "/api/upload", token);
        assertEquals(201, r.status(), r.toString());
        return r.body().get("url").asText();
    }

    record RawResponse(int status, String text) {}

    /** A hand-written request: HTTP clients normalise or refuse these paths before sending them. */
    static RawResponse rawGet(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            return new RawResponse(status, text);
        }
    }
}
