package groupchat.realtime;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Floods and races on the WebSocket: typing floods, join_room floods, joins racing removals. */
class RoomAbuseTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    private static String post(TestUser user, String roomId, String text) {
        Api.Response r = api.post("/api/rooms/" + roomId + "/messages", user.token(), obj("content", text));
        assertEquals(201, r.status(), r.toString());
        return r.body().get("id").asText();
    }

    private static boolean isMessage(JsonNode frame, String messageId) {
        return "new_message".equals(frame.path("type").asText())
                && messageId.equals(frame.path("message").path("id").asText());
    }

    @Test
    void atMostFiveTypingFramesASecondReachTheRoom() {
        TestUser typist = running.newUser();
        TestUser reader = running.newUser();
        String roomId = Rooms.publicRoom(api, typist, reader);
        try (TestSocket loud = TestSocket.connect(server, typist.token());
             TestSocket other = TestSocket.connect(server, reader.token())) {
            loud.join(roomId);
            other.join(roomId);
            long start = System.nanoTime();
            for (int i = 0; i < 400; i++) loud.send(obj("type", "typing", "room_id", roomId, "is_typing", i % 2 == 0));
            loud.send(obj("type", "ping"));
            // Dropped frames get no error: the typist's next frame back is the pong.
            JsonNode next = loud.await(f -> !"typing".equals(f.path("type").asText()));
            assertEquals("pong", next.path("type").asText(), next.toString());
            // The server handled every typing frame between the first send and this pong.
            long elapsed = System.nanoTime() - start;

            // A message posted after the flood is delivered after every typing frame that passed.
            String after = post(typist, roomId, "done typing");
            AtomicInteger typing = new AtomicInteger();
            other.await(f -> {
                if ("typing".equals(f.path("type").asText())) typing.incrementAndGet();
                return isMessage(f, after);
            });
            // The window slides: 5 in any second, so at most 5 per started second of the flood.
            long allowed = 5 * (1 + elapsed / 1_000_000_000L);
            assertTrue(typing.get() >= 5 && typing.get() <= allowed,
                    typing.get() + " typing frames passed in " + elapsed / 1_000_000 + " ms");
        }
    }

    @Test
    void joinAndStopFloodsAreAnsweredFromMemory() throws Exception {
        TestUser owner = running.newUser();
        TestUser member = running.newUser();
        String roomId = Rooms.publicRoom(api, owner, member);
        try (TestSocket ws = TestSocket.connect(server, member.token())) {
            ws.join(roomId);
            // Behind the server's back, the database forgets the membership. A server that read
            // the database for each frame would now refuse them; the cached membership answers.
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + server.dir().resolve("chat.db"));
                 var s = c.prepareStatement("DELETE FROM room_members WHERE room_id = ? AND user_id = ?")) {
                s.setString(1, roomId);
                s.setString(2, member.id());
                assertEquals(1, s.executeUpdate());
            }
            for (int i = 0; i < 300; i++) {
                ws.send(obj("type", "join_room", "room_id", roomId));
                ws.send(obj("type", "ai_stop", "room_id", roomId));
            }
            ws.send(obj("type", "ping"));
            AtomicInteger joined = new AtomicInteger();
            ws.await(f -> {
                assertTrue(!"error".equals(f.path("type").asText()), f.toString());
                if ("joined".equals(f.path("type").asText())) joined.incrementAndGet();
                return "pong".equals(f.path("type").asText());
            });
            assertEquals(300, joined.get());
        }
    }

    @Test
    void membershipChangesReachTheCacheAtOnce() {
        TestUser owner = running.newUser();
        TestUser member = running.newUser();
        TestUser invited = running.newUser();
        String roomId = Rooms.publicRoom(api, owner, member);
        try (TestSocket memberWs = TestSocket.connect(server, member.token());
             TestSocket invitedWs = TestSocket.connect(server, invited.token());
             TestSocket ownerWs = TestSocket.connect(server, owner.token())) {
            memberWs.join(roomId);
            invitedWs.send(obj("type", "join_room", "room_id", roomId));
            assertEquals("not_found", invitedWs.awaitType("error").get("code").asText());

            Rooms.accept(api, Rooms.invite(api, owner.token(), roomId), invited.token());
            invitedWs.join(roomId);

            assertEquals(204, api.delete("/api/rooms/" + roomId + "/members/" + member.id(), owner.token()).status());
            memberWs.send(obj("type", "join_room", "room_id", roomId));
            assertEquals("not_found", memberWs.await(f -> "error".equals(f.path("type").asText())).get("code").asText());

            ownerWs.join(roomId);
            assertEquals(204, api.delete("/api/rooms/" + roomId, owner.token()).status());
            ownerWs.send(obj("type", "join_room", "room_id", roomId));
            assertEquals("not_found", ownerWs.await(f -> "error".equals(f.path("type").asText())).get("code").asText());
        }
    }

    @Test
    void aMemberRemovedWhileSpammingJoinNeverReceivesLaterMessages() throws Exception {
        for (int round = 0; round < 10; round++) {
            TestUser owner = running.newUser();
            TestUser spammer = running.newUser();
            String roomId = Rooms.publicRoom(api, owner, spammer);
            try (TestSocket ownerWs = TestSocket.connect(server, owner.token());
                 TestSocket spam = TestSocket.connect(server, spammer.token())) {
                ownerWs.join(roomId);
                spam.join(roomId);
                AtomicBoolean stop = new AtomicBoolean();
                CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                    while (!stop.get()) spam.send(obj("type", "join_room", "room_id", roomId));
                });
                assertEquals(204, api.delete("/api/rooms/" + roomId + "/members/" + spammer.id(), owner.token())
                        .status());
                String afterRemoval = post(owner, roomId, "after the removal, round " + round);
                String last = post(owner, roomId, "the last one");
                // Once the owner has the last message, the first was queued to every subscriber.
                ownerWs.await(f -> isMessage(f, last));
                stop.set(true);
                flood.get();
                spam.send(obj("type", "ping"));
                int r = round;
                spam.await(f -> {
                    assertTrue(!isMessage(f, afterRemoval) && !isMessage(f, last),
                            "round " + r + ": the removed member got " + f);
                    return "pong".equals(f.path("type").asText());
                });
            }
        }
    }
}
