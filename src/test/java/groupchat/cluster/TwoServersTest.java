package groupchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Postgres;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerProcess;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.Upload;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two server processes on one PostgreSQL database, as behind a load balancer without sticky
 * sessions: every user talks to one server or the other, and everything holds across them.
 * Skipped (loudly) only when no PostgreSQL is reachable; CI requires one.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServersTest {
    private static final Duration QUIET = Duration.ofMillis(1_500);
    private static Postgres.Database database;
    private static FakeOpenRouter openRouter;
    private static ServerProcess a;
    private static ServerProcess b;
    private static Api apiA;
    private static Api apiB;

    @BeforeAll
    static void startTwoServers() throws Exception {
        Postgres.assume();
        database = Postgres.createDatabase();
        openRouter = FakeOpenRouter.start();
        Map<String, String> env = Map.of(
                "DATABASE_URL", database.url(),
                "OPENROUTER_API_KEY", "test-key",
                "OPENROUTER_BASE_URL", openRouter.baseUrl(),
                "RATE_LIMITS", "on",
                "RATE_LIMIT_AUTH_PER_MINUTE", "1000",
                "RATE_LIMIT_MESSAGES_PER_MINUTE", "1000",
                "RATE_LIMIT_AI_ANSWERS_PER_MINUTE", "1000",
                "RATE_LIMIT_UPLOADS_PER_MINUTE", "3");
        a = ServerProcess.start(Files.createTempDirectory("groupchat-a"), env);
        b = ServerProcess.start(Files.createTempDirectory("groupchat-b"), env);
        apiA = a.api();
        apiB = b.api();
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
        if (openRouter != null) openRouter.close();
        if (database != null) database.close();
    }

    @Test
    @Order(1)
    void everyMessageReachesEveryServerOnceAndInStoredOrder() throws Exception {
        TestUser alice = apiA.register("order_alice");
        TestUser bob = apiB.register("order_bob");
        String room = Rooms.publicRoom(apiA, alice, bob);
        try (TestSocket onA = TestSocket.connect(a.wsUrl(alice.token()));
             TestSocket onB = TestSocket.connect(b.wsUrl(bob.token()))) {
            onA.join(room);
            onB.join(room);
            ExecutorService senders = Executors.newFixedThreadPool(2);
            Future<?> fromA = senders.submit(() -> postMany(apiA, alice, room, 25));
            Future<?> fromB = senders.submit(() -> postMany(apiB, bob, room, 25));
            fromA.get();
            fromB.get();
            senders.shutdown();

            List<String> stored = stored(apiB, bob, room);
            assertEquals(50, stored.size());
            assertEquals(stored, ids(onA.collect("new_message", 50, Duration.ofSeconds(20))));
            assertEquals(stored, ids(onB.collect("new_message", 50, Duration.ofSeconds(20))));
            onA.assertNone(f -> "new_message".equals(f.path("type").asText()), QUIET);
        }
    }

    @Test
    @Order(1)
    void anEventTooLargeForANotificationTravelsByReference() {
        TestUser alice = apiA.register("large_alice");
        TestUser bob = apiB.register("large_bob");
        String room = Rooms.publicRoom(apiA, alice, bob);
        try (TestSocket onB = TestSocket.connect(b.wsUrl(bob.token()))) {
            onB.join(room);
            // 15,000 characters of two bytes each: far over NOTIFY's 8000-byte payload limit.
            String large = "é".repeat(15_000);
            String id = post(apiA, alice, room, large);
            JsonNode frame = onB.awaitType("new_message");
            assertEquals(id, frame.path("message").path("id").asText());
            assertEquals(large, frame.path("message").path("content").asText());
        }
    }

    @Test
    @Order(2)
    void typingAndRoomEventsCrossServersAndARemovedMemberHearsNoMore() {
        TestUser alice = apiA.register("events_alice");
        TestUser bob = apiB.register("events_bob");
        TestUser carol = apiB.register("events_carol");
        String room = Rooms.publicRoom(apiA, alice, bob, carol);
        try (TestSocket aliceOnA = TestSocket.connect(a.wsUrl(alice.token()));
             TestSocket bobOnB = TestSocket.connect(b.wsUrl(bob.token()));
             TestSocket carolOnB = TestSocket.connect(b.wsUrl(carol.token()))) {
            aliceOnA.join(room);
            bobOnB.join(room);
            carolOnB.join(room);

            bobOnB.send(Api.obj("type", "typing", "room_id", room, "is_typing", true));
            JsonNode typing = aliceOnA.awaitType("typing");
            assertEquals(bob.id(), typing.path("user_id").asText());
            bobOnB.assertNone(f -> "typing".equals(f.path("type").asText()), QUIET);

            assertEquals(200, apiA.put("/api/rooms/" + room, alice.token(), Api.obj("name", "renamed")).status());
            assertEquals("renamed", bobOnB.awaitType("room_updated").path("room").path("name").asText());

            assertEquals(204, apiA.delete("/api/rooms/" + room + "/members/" + carol.id(), alice.token()).status());
            assertEquals(carol.id(), carolOnB.awaitType("member_left").path("user_id").asText());
            post(apiA, alice, room, "after carol left");
            bobOnB.awaitType("new_message");
            carolOnB.assertNone(f -> "new_message".equals(f.path("type").asText()), QUIET);
        }
    }

    @Test
    @Order(2)
    void joiningOnOneServerLetsTheSocketOnTheOtherJoinTheRoom() {
        TestUser alice = apiA.register("cache_alice");
        TestUser bob = apiB.register("cache_bob");
        String room = Rooms.create(apiA, alice, "public", true);
        try (TestSocket bobOnB = TestSocket.connect(b.wsUrl(bob.token()))) {
            // Not a member yet: refused, and server B now has the room's members cached.
            bobOnB.send(Api.obj("type", "join_room", "room_id", room));
            assertEquals("not_found", bobOnB.awaitType("error").path("code").asText());
            assertEquals(200, apiA.post("/api/rooms/" + room + "/join", bob.token(), null).status());
            bobOnB.join(room);
            post(apiA, alice, room, "welcome");
            bobOnB.awaitType("new_message");
        }
    }

    @Test
    @Order(2)
    void loggingOutOnOneServerEndsTheTokenOnTheOtherWithinASecond() throws Exception {
        TestUser carol = apiA.register("logout_carol");
        try (TestSocket onB = TestSocket.connect(b.wsUrl(carol.token()))) {
            assertEquals(200, apiB.get("/api/auth/me", carol.token()).status());
            long start = System.nanoTime();
            assertEquals(204, apiA.post("/api/auth/logout", carol.token(), null).status());
            String reason = onB.closed().get(1, TimeUnit.SECONDS);
            assertTrue(reason.startsWith("4001 "), reason);
            assertEquals(401, apiB.get("/api/auth/me", carol.token()).status());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        }
    }

    @Test
    @Order(3)
    void anAnswerStreamsToTheOtherServerAndATriggerThereWaitsForIt() throws Exception {
        TestUser alice = apiA.register("ai_alice");
        TestUser bob = apiB.register("ai_bob");
        String room = Rooms.publicRoom(apiA, alice, bob);
        CountDownLatch gate = new CountDownLatch(1);
        int before = openRouter.requests().size();
        openRouter.enqueue(SseScript.stream().role().content("Hello ").await(gate).content("world")
                .finish("stop").usage(10, 2, 0.0001).done(), SseScript.answer("Second"));
        try (TestSocket bobOnB = TestSocket.connect(b.wsUrl(bob.token()))) {
            bobOnB.join(room);
            post(apiA, alice, room, "@AI hello");
            String stream = bobOnB.awaitType("ai_stream_start").path("stream_id").asText();
            assertEquals("Hello ", bobOnB.awaitType("ai_stream_chunk").path("delta").asText());

            // A trigger on the other server while the answer runs: no second answer at the same time.
            post(apiB, bob, room, "@AI and me?");
            bobOnB.assertNone(f -> "ai_stream_start".equals(f.path("type").asText()), QUIET);
            assertEquals(before + 1, openRouter.requests().size());

            gate.countDown();
            JsonNode end = bobOnB.awaitType("ai_stream_end");
            assertEquals(stream, end.path("stream_id").asText());
            assertEquals("Hello world", end.path("message").path("content").asText());
            // ...then it is answered as the follow-up.
            bobOnB.awaitType("ai_stream_start");
            assertEquals("Second", bobOnB.awaitType("ai_stream_end").path("message").path("content").asText());
            assertEquals(before + 2, openRouter.requests().size());
        }
    }

    @Test
    @Order(3)
    void editsAndReadMarkersReachTheOtherServer() {
        TestUser alice = apiA.register("everyday_alice");
        TestUser bob = apiB.register("everyday_bob");
        String room = Rooms.publicRoom(apiA, alice, bob);
        try (TestSocket bobOnB = TestSocket.connect(b.wsUrl(bob.token()));
             TestSocket aliceOnB = TestSocket.connect(b.wsUrl(alice.token()))) {
            bobOnB.join(room);
            String id = post(apiA, alice, room, "tpyo");
            assertEquals(200, apiA.send("PATCH", "/api/rooms/" + room + "/messages/" + id, alice.token(),
                    Api.obj("content", "typo"), null).status());
            assertEquals("typo", bobOnB.awaitType("message_updated").path("message").path("content").asText());
            // A read marker goes to the reader's own connections, whichever server holds them.
            assertEquals(204, apiA.post("/api/rooms/" + room + "/read", alice.token(),
                    Api.obj("message_id", id)).status());
            assertEquals(id, aliceOnB.awaitType("read_marker").path("message_id").asText());
        }
    }

    @Test
    @Order(3)
    void aLateJoinerOnTheOtherServerCatchesUpWithTheRunningAnswer() {
        TestUser alice = apiA.register("late_alice");
        TestUser bob = apiB.register("late_bob");
        String room = Rooms.publicRoom(apiA, alice, bob);
        CountDownLatch gate = new CountDownLatch(1);
        openRouter.enqueue(SseScript.stream().role().content("Once upon ").await(gate).content("a time")
                .finish("stop").usage(10, 2, 0.0001).done());
        try (TestSocket aliceOnA = TestSocket.connect(a.wsUrl(alice.token()))) {
            aliceOnA.join(room);
            post(apiA, alice, room, "@AI tell a story");
            aliceOnA.awaitType("ai_stream_chunk");
            try (TestSocket bobOnB = TestSocket.connect(b.wsUrl(bob.token()))) {
                bobOnB.join(room);
                String stream = bobOnB.awaitType("ai_stream_start").path("stream_id").asText();
                assertEquals("Once upon ", bobOnB.awaitType("ai_stream_chunk").path("delta").asText());
                gate.countDown();
                assertEquals("a time", bobOnB.awaitType("ai_stream_chunk").path("delta").asText());
                JsonNode end = bobOnB.awaitType("ai_stream_end");
                assertEquals(stream, end.path("stream_id").asText());
                assertEquals("Once upon a time", end.path("message").path("content").asText());
            }
        }
    }

    @Test
    @Order(4)
    void aiStopOnOneServerStopsTheAnswerRunningOnTheOther() {
        TestUser alice = apiA.register("stop_alice");
        TestUser bob = apiB.register("stop_bob");
        String room = Rooms.publicRoom(apiA, alice, bob);
        openRouter.enqueue(SseScript.stream().role().content("Partial").stall(20_000));
        try (TestSocket bobOnB = TestSocket.connect(b.wsUrl(bob.token()))) {
            bobOnB.join(room);
            post(apiA, alice, room, "@AI talk");
            bobOnB.awaitType("ai_stream_chunk");
            bobOnB.send(Api.obj("type", "ai_stop", "room_id", room));
            JsonNode end = bobOnB.awaitType("ai_stream_end");
            assertEquals("Partial", end.path("message").path("content").asText());
            assertEquals("stopped", end.path("message").path("ai").path("finish_reason").asText());
        }
    }

    @Test
    @Order(5)
    void uploadsCountAcrossServersAndEitherServesThem() {
        TestUser alice = apiA.register("upload_alice");
        byte[] png = Upload.png();
        List<Integer> statuses = new ArrayList<>();
        String firstUrl = null;
        for (ServerProcess server : List.of(a, b, a, b)) {
            Api.Response r = Upload.post("http://127.0.0.1:" + server.port(), "/api/upload", alice.token(),
                    Upload.form(png));
            statuses.add(r.status());
            if (firstUrl == null && r.status() == 201) firstUrl = r.body().get("url").asText();
        }
        // RATE_LIMIT_UPLOADS_PER_MINUTE=3, counted in the database: the fourth is refused, whichever server.
        assertEquals(List.of(201, 201, 201, 429), statuses);
        Api.Response served = apiB.get(firstUrl, null);
        assertEquals(200, served.status());
        assertTrue(Arrays.equals(png, served.raw().body()));
    }

    @Test
    @Order(6)
    void aServerThatLostTheBusClosesItsSocketsWithACatchUpHintAndRecovers() throws Exception {
        TestUser alice = apiA.register("resync_alice");
        TestUser bob = apiB.register("resync_bob");
        String room = Rooms.publicRoom(apiA, alice, bob);
        try (TestSocket onB = TestSocket.connect(b.wsUrl(bob.token()))) {
            onB.join(room);
            // The database ends both servers' LISTEN sessions, as a restart or a network cut would.
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'groupchat-bus' AND datname = current_database()");
            }
            String reason = onB.closed().get(10, TimeUnit.SECONDS);
            assertTrue(reason.startsWith("1012 ") && reason.contains("catch up"), reason);
        }

        // The client reconnects as told; once the bus listens again, events flow as before.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (TestSocket again = TestSocket.connect(b.wsUrl(bob.token()))) {
                again.join(room);
                String id = post(apiA, alice, room, "after the resync");
                again.await(f -> "new_message".equals(f.path("type").asText())
                        && id.equals(f.path("message").path("id").asText()), Duration.ofSeconds(3));
                return;
            } catch (AssertionError | RuntimeException e) {
                // closed again by the reconnected bus (sockets opened while it was away): try again
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    @Test
    @Order(99)
    void aKilledServerLosesNothingItAcknowledgedAndItsRoomIsAnsweredAgain() throws Exception {
        TestUser alice = apiA.register("kill_alice");
        TestUser bob = apiB.register("kill_bob");
        String room = Rooms.publicRoom(apiA, alice, bob);
        String aiRoom = Rooms.publicRoom(apiA, alice, bob);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 2; i++) running.add(senders.submit(() -> keepPosting(apiA, alice, room, sending, acknowledged)));
        running.add(senders.submit(() -> keepPosting(apiB, bob, room, sending, acknowledged)));
        try (TestSocket bobOnB = TestSocket.connect(b.wsUrl(bob.token()))) {
            bobOnB.join(room);
            bobOnB.join(aiRoom);
            // Server A is answering in aiRoom when it dies.
            openRouter.enqueue(SseScript.stream().role().content("Cut").stall(20_000));
            post(apiA, alice, aiRoom, "@AI go on");
            bobOnB.awaitType("ai_stream_chunk");
            Thread.sleep(1_000);
            a.kill();
            Thread.sleep(500);
            sending.set(false);
            for (Future<?> f : running) f.get();
            senders.shutdown();

            List<String> stored = stored(apiB, bob, room);
            assertFalse(acknowledged.isEmpty());
            assertTrue(stored.containsAll(acknowledged), "acknowledged but missing: "
                    + acknowledged.stream().filter(id -> !stored.contains(id)).toList());
            // The surviving server goes on serving its sockets.
            String after = post(apiB, bob, room, "still here");
            bobOnB.await(f -> "new_message".equals(f.path("type").asText())
                    && after.equals(f.path("message").path("id").asText()));

            // The dead server's AI lease lapses: a later trigger in its room is answered.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            while (true) {
                post(apiB, bob, aiRoom, "@AI are you back?");
                try {
                    JsonNode end = bobOnB.await(f -> "ai_stream_end".equals(f.path("type").asText()),
                            Duration.ofSeconds(4));
                    assertEquals("OK", end.path("message").path("content").asText());
                    return;
                } catch (AssertionError stillHeld) {
                    if (System.nanoTime() > deadline) throw stillHeld;
                }
            }
        }
    }

    private static void keepPosting(Api api, TestUser user, String room, AtomicBoolean sending, Set<String> acked) {
        for (int i = 0; sending.get(); i++) {
            try {
                Api.Response r = api.post("/api/rooms/" + room + "/messages", user.token(), Api.obj("content", "m" + i));
                if (r.status() == 201) acked.add(r.body().get("id").asText());
            } catch (IllegalStateException e) {
                return; // the server is gone: nothing more it could acknowledge
            }
        }
    }

    private static void postMany(Api api, TestUser user, String room, int count) {
        for (int i = 0; i < count; i++) post(api, user, room, user.username() + " " + i);
    }

    private static String post(Api api, TestUser user, String room, String content) {
        Api.Response r = api.post("/api/rooms/" + room + "/messages", user.token(), Api.obj("content", content));
        assertEquals(201, r.status(), r.toString());
        return r.body().get("id").asText();
    }

    /** Every message of the room, oldest first, read a page at a time from the newest backwards. */
    private static List<String> stored(Api api, TestUser user, String room) {
        List<String> ids = new ArrayList<>();
        String before = null;
        while (true) {
            JsonNode page = api.get("/api/rooms/" + room + "/messages?limit=200"
                    + (before == null ? "" : "&before=" + before), user.token()).body();
            List<String> older = new ArrayList<>();
            page.forEach(m -> older.add(m.get("id").asText()));
            ids.addAll(0, older);
            if (older.size() < 200) return ids;
            before = older.get(0);
        }
    }

    private static List<String> ids(List<JsonNode> frames) {
        return frames.stream().map(f -> f.get("message").get("id").asText()).toList();
    }
}
