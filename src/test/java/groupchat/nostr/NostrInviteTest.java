package groupchat.nostr;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.NostrSigner;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NostrInviteTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static TestUser user() {
        return running.newUser();
    }

    static Response invite(String token, String roomId, String pubkey) {
        return api.post("/api/invites/nostr", token, obj("room_id", roomId, "pubkey", pubkey));
    }

    /** Logs the key in (creating its account) and returns the user id. */
    static String nostrLogin(NostrSigner key) {
        Response r = NostrLoginTest.verify(api, key.loginEvent(NostrLoginTest.challenge(api)), null);
        assertEquals(200, r.status(), r.toString());
        return r.body().get("user").get("id").asText();
    }

    @Test
    void existingKeyIsAddedAtOnce() {
        TestUser owner = user();
        String room = Rooms.withRoles(api, owner.token(), false, Map.of());
        NostrSigner key = NostrSigner.generate();
        String userId = nostrLogin(key);

        Response r = invite(owner.token(), room, Pubkeys.toNpub(key.pubkeyHex()));
        assertEquals(200, r.status(), r.toString());
        assertEquals("added", r.body().get("status").asText());
        assertEquals(userId, r.body().get("user").get("id").asText());
        assertEquals(key.pubkeyHex(), r.body().get("user").get("nostr_pubkey").asText());
        assertEquals("member", Rooms.roleOf(api, owner.token(), room, userId));

        // Again, by hex: still added, nothing changes.
        Response again = invite(owner.token(), room, key.pubkeyHex().toUpperCase());
        assertEquals(200, again.status(), again.toString());
        assertEquals("added", again.body().get("status").asText());
        assertEquals("member", Rooms.roleOf(api, owner.token(), room, userId));
    }

    @Test
    void invitingAnAdminKeepsItsRole() {
        NostrSigner key = NostrSigner.generate();
        Response login = NostrLoginTest.verify(api, key.loginEvent(NostrLoginTest.challenge(api)), null);
        String adminId = login.body().get("user").get("id").asText();
        TestUser owner = user();
        String room = Rooms.withRoles(api, owner.token(), false,
                Map.of(login.body().get("token").asText(), "admin"));
        assertEquals("added", invite(owner.token(), room, key.pubkeyHex()).body().get("status").asText());
        assertEquals("admin", Rooms.roleOf(api, owner.token(), room, adminId));
    }

    @Test
    void unknownKeyIsPendingUntilItsFirstLogin() {
        TestUser owner = user();
        String roomA = Rooms.withRoles(api, owner.token(), false, Map.of());
        String roomB = Rooms.withRoles(api, owner.token(), true, Map.of());
        String untouched = Rooms.withRoles(api, owner.token(), false, Map.of());
        NostrSigner key = NostrSigner.generate();

        Response r = invite(owner.token(), roomA, key.pubkeyHex());
        assertEquals(200, r.status(), r.toString());
        assertEquals("pending", r.body().get("status").asText());
        assertFalse(r.body().has("user"), r.toString());
        assertEquals("pending", invite(owner.token(), roomA, Pubkeys.toNpub(key.pubkeyHex()))
                .body().get("status").asText());
        assertEquals("pending", invite(owner.token(), roomB, key.pubkeyHex()).body().get("status").asText());

        Response login = NostrLoginTest.verify(api, key.loginEvent(NostrLoginTest.challenge(api)), null);
        assertEquals(200, login.status(), login.toString());
        assertTrue(login.body().get("created").asBoolean());
        String userId = login.body().get("user").get("id").asText();
        assertEquals("member", Rooms.roleOf(api, owner.token(), roomA, userId));
        assertEquals("member", Rooms.roleOf(api, owner.token(), roomB, userId));
        assertNull(Rooms.roleOf(api, owner.token(), untouched, userId));

        // From now on the key has an account: invites add it at once.
        String roomC = Rooms.withRoles(api, owner.token(), false, Map.of());
        assertEquals("added", invite(owner.token(), roomC, key.pubkeyHex()).body().get("status").asText());
    }

    @Test
    void pendingInviteAppliesWhenTheKeyIsLinked() {
        TestUser owner = user();
        String room = Rooms.withRoles(api, owner.token(), false, Map.of());
        NostrSigner key = NostrSigner.generate();
        assertEquals("pending", invite(owner.token(), room, key.pubkeyHex()).body().get("status").asText());
        TestUser carol = user();
        Response linked = NostrLoginTest.verify(api, key.loginEvent(NostrLoginTest.challenge(api)), carol.token());
        assertEquals(200, linked.status(), linked.toString());
        assertEquals("member", Rooms.roleOf(api, owner.token(), room, carol.id()));
    }

    @Test
    void onlyOwnerOrAdminInvites() {
        TestUser owner = user();
        TestUser admin = user();
        TestUser member = user();
        TestUser stranger = user();
        String privateRoom = Rooms.withRoles(api, owner.token(), false,
                Map.of(admin.token(), "admin", member.token(), "member"));
        String publicRoom = Rooms.withRoles(api, owner.token(), true, Map.of());
        String pubkey = NostrSigner.generate().pubkeyHex();

        assertEquals(200, invite(admin.token(), privateRoom, pubkey).status());
        assertError(invite(member.token(), privateRoom, pubkey), 403, "forbidden");
        assertError(invite(stranger.token(), privateRoom, pubkey), 404, "not_found");
        assertError(invite(stranger.token(), publicRoom, pubkey), 403, "forbidden");
        assertError(invite(owner.token(), "00000000-0000-0000-0000-000000000000", pubkey), 404, "not_found");
        assertError(invite(null, privateRoom, pubkey), 401, "unauthorized");
    }

    @Test
    void badPubkeysAndFieldsAre400() {
        TestUser owner = user();
        String room = Rooms.withRoles(api, owner.token(), false, Map.of());
        String npub = Pubkeys.toNpub(NostrSigner.generate().pubkeyHex());
        String badChecksum = npub.substring(0, npub.length() - 1) + (npub.endsWith("q") ? "p" : "q");
        for (String bad : new String[] {"", "xyz", "ab".repeat(31), badChecksum, "nsec" + npub.substring(4),
                "0".repeat(64)}) {
            Response r = invite(owner.token(), room, bad);
            assertError(r, 400, "invalid_request");
            assertTrue(r.body().get("error").asText().contains("'pubkey'"), r.toString());
        }
        assertError(api.post("/api/invites/nostr", owner.token(), obj("room_id", room)), 400, "invalid_request");
        assertError(api.post("/api/invites/nostr", owner.token(), obj("pubkey", npub)), 400, "invalid_request");
        assertError(api.post("/api/invites/nostr", owner.token(), obj("room_id", 5, "pubkey", npub)), 400,
                "invalid_request");
    }

    @Test
    void addedKeyIsAnnouncedToTheRoom() {
        TestUser owner = user();
        String room = Rooms.withRoles(api, owner.token(), false, Map.of());
        NostrSigner key = NostrSigner.generate();
        String userId = nostrLogin(key);
        try (TestSocket socket = TestSocket.connect(server, owner.token())) {
            socket.join(room);
            invite(owner.token(), room, key.pubkeyHex());
            var joined = socket.awaitType("member_joined");
            assertEquals(room, joined.get("room_id").asText());
            assertEquals(userId, joined.get("user").get("id").asText());
            assertEquals(key.pubkeyHex(), joined.get("user").get("nostr_pubkey").asText());
            invite(owner.token(), room, key.pubkeyHex());
            socket.assertNone(f -> "member_joined".equals(f.path("type").asText()), java.time.Duration.ofMillis(300));
        }
    }

    @Test
    void firstLoginWithPendingInvitesIsAnnouncedInEachRoom() {
        TestUser owner = user();
        String roomA = Rooms.withRoles(api, owner.token(), false, Map.of());
        String roomB = Rooms.withRoles(api, owner.token(), true, Map.of());
        NostrSigner key = NostrSigner.generate();
        invite(owner.token(), roomA, key.pubkeyHex());
        invite(owner.token(), roomB, Pubkeys.toNpub(key.pubkeyHex()));
        try (TestSocket socket = TestSocket.connect(server, owner.token())) {
            socket.join(roomA);
            socket.join(roomB);
            String userId = nostrLogin(key);
            var first = socket.awaitType("member_joined");
            var second = socket.awaitType("member_joined");
            assertEquals(java.util.Set.of(roomA, roomB),
                    java.util.Set.of(first.get("room_id").asText(), second.get("room_id").asText()));
            assertEquals(userId, first.get("user").get("id").asText());
            nostrLogin(key);
            socket.assertNone(f -> "member_joined".equals(f.path("type").asText()), java.time.Duration.ofMillis(300));
        }
    }

    static void assertError(Response r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.body().get("code").asText(), r.toString());
    }
}
