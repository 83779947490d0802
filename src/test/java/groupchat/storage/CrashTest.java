package groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.ServerProcess;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL while clients send: every message whose send was acknowledged (201 over HTTP, or the
 * sender's own new_message echo over WebSocket) must be there after a restart, and the database
 * must pass SQLite's integrity check. Then a start-up backup must restore to a working server.
 */
@Tag("slow")
class CrashTest {
    private static final int KILLS = 3;
    private static final int ACKS_BEFORE_KILL = 40;

    @Test
    void acknowledgedMessagesSurviveSigkillAndBackupsRestore(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        TestUser alice;
        TestUser bob;
        String room;
        int checked = 0;

        ServerProcess server = ServerProcess.start(dir, Map.of());
        try {
            alice = server.api().register("alice");
            bob = server.api().register("bob");
            room = server.api().post("/api/rooms", alice.token(), Api.obj("name", "crash", "is_public", true))
                    .body().get("id").asText();
            server.api().post("/api/rooms/" + room + "/join", bob.token(), null);

            for (int kill = 1; kill <= KILLS; kill++) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> senders = new ArrayList<>();
                String prefix = "k" + kill + "-";
                ServerProcess current = server;
                senders.add(httpSender(current, alice, room, prefix + "alice-", acked, stop));
                senders.add(httpSender(current, bob, room, prefix + "bob-", acked, stop));
                senders.add(socketSender(current, bob, room, prefix + "ws-", acked, stop));
                senders.forEach(Thread::start);
                // Kill at a random moment once traffic is flowing.
                int target = acked.size() + ACKS_BEFORE_KILL + random.nextInt(ACKS_BEFORE_KILL);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (acked.size() < target && System.nanoTime() < deadline) Thread.sleep(5);
                assertTrue(acked.size() >= target, "traffic did not flow: " + acked.size() + " acks");
                server.kill();
                stop.set(true);
                for (Thread t : senders) t.join(30_000);

                assertIntegrity(dir.resolve("chat.db"));
                server = ServerProcess.start(dir, Map.of());
                Set<String> stored = contents(server.api(), alice, room);
                for (String content : acked) assertTrue(stored.contains(content), "lost after kill " + kill + ": "
                        + content + " (seed " + seed + ")");
                checked += acked.size();
            }

            // The newest backup was written at the last start, after the last kill: it holds every ack.
            Path backup;
            try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
                backup = files.sorted().reduce((a, b) -> b).orElseThrow();
            }
            assertIntegrity(backup);
            Path restored = Files.createDirectories(dir.resolve("restored"));
            Files.copy(backup, restored.resolve("chat.db"), StandardCopyOption.REPLACE_EXISTING);
            try (ServerProcess fromBackup = ServerProcess.start(restored, Map.of())) {
                Api api = fromBackup.api();
                Api.Response login = api.post("/api/auth/login", null,
                        Api.obj("username", "alice", "password", "password123"));
                assertEquals(200, login.status(), login.toString());
                TestUser again = new TestUser(login.body().get("token").asText(), alice.id(), "alice");
                Set<String> inBackup = contents(api, again, room);
                assertTrue(inBackup.containsAll(acked), "the backup lacks acknowledged messages");
                assertEquals(201, api.post("/api/rooms/" + room + "/messages", again.token(),
                        Api.obj("content", "after the restore")).status());
            }
        } finally {
            server.close();
        }
        System.out.printf("CrashTest: seed %d, %d SIGKILLs, %d acknowledged messages, %d presence checks after"
                + " restarts%n", seed, KILLS, acked.size(), checked);
    }

    private static Thread httpSender(ServerProcess server, TestUser user, String room, String prefix,
                                     Set<String> acked, AtomicBoolean stop) {
        Api api = server.api();
        return new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                String content = prefix + i;
                try {
                    Api.Response r = api.post("/api/rooms/" + room + "/messages", user.token(),
                            Api.obj("content", content, "client_msg_id", content));
                    if (r.status() == 201) acked.add(content);
                } catch (RuntimeException e) {
                    return; // the server is gone
                }
            }
        });
    }

    /** Sends over the WebSocket; a message counts as acknowledged when its new_message echo arrives. */
    private static Thread socketSender(ServerProcess server, TestUser user, String room, String prefix,
                                       Set<String> acked, AtomicBoolean stop) {
        return new Thread(() -> {
            try {
                WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create(server.wsUrl(user.token())), new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    try {
                                        JsonNode frame = Api.JSON.readTree(partial.toString());
                                        String content = frame.path("message").path("content").asText("");
                                        if ("new_message".equals(frame.path("type").asText())
                                                && content.startsWith(prefix)) {
                                            acked.add(content);
                                        }
                                    } catch (Exception ignored) {
                                        // not JSON: not an acknowledgement
                                    }
                                    partial.setLength(0);
                                }
                                socket.request(1);
                                return null;
                            }
                        }).join();
                ws.sendText(Api.obj("type", "join_room", "room_id", room).toString(), true).join();
                for (int i = 0; !stop.get(); i++) {
                    String content = prefix + i;
                    ws.sendText(Api.obj("type", "send_message", "room_id", room, "content", content,
                            "client_msg_id", content).toString(), true).join();
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                // the server is gone
            }
        });
    }

    /** Every message content of the room, read through the API, page by page. */
    static Set<String> contents(Api api, TestUser user, String room) {
        Set<String> all = new HashSet<>();
        String before = null;
        while (true) {
            Api.Response page = api.get("/api/rooms/" + room + "/messages?limit=200"
                    + (before == null ? "" : "&before=" + before), user.token());
            assertEquals(200, page.status(), page.toString());
            for (JsonNode m : page.body()) all.add(m.get("content").asText());
            if (page.body().size() < 200) return all;
            before = page.body().get(0).get("id").asText();
        }
    }

    static void assertIntegrity(Path db) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            var check = s.executeQuery("PRAGMA integrity_check");
            check.next();
            assertEquals("ok", check.getString(1), db.toString());
            var keys = s.executeQuery("PRAGMA foreign_key_check");
            assertTrue(!keys.next(), "foreign key violations in " + db);
        }
    }
}
