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
import groupchat.testsupport.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NostrInviteTest {
    static TestServer server;
    static Api api;
    static Path db;
    static int names;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        db = server.dir().resolve("chat.db");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestUser user() {
        return api.register("inv" + (++names));
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
        String room = RoomFixtures.createRoom(db, owner.id(), false, Map.of());
        NostrSigner key = NostrSigner.generate();
        String userId = nostrLogin(key);

        Response r = invite(owner.token(), room, Pubkeys.toNpub(key.pubkeyHex()));
        assertEquals(200, r.status(), r.toString());
        assertEquals("added", r.body().get("status").asText());
        assertEquals(userId, r.body().get("user").get("id").asText());
        assertEquals(key.pubkeyHex(), r.body().get("user").get("nostr_pubkey").asText());
        assertEquals("member", RoomFixtures.roleOf(db, room, userId));

        // Again, by hex: still added, nothing changes.
        Response again = invite(owner.token(), room, key.pubkeyHex().toUpperCase());
        assertEquals(200, again.status(), again.toString());
        assertEquals("added", again.body().get("status").asText());
        assertEquals("member", RoomFixtures.roleOf(db, room, userId));
    }

    @Test
    void invitingAnAdminKeepsItsRole() {
        NostrSigner key = NostrSigner.generate();
        String adminId = nostrLogin(key);
        TestUser owner = user();
        String room = RoomFixtures.createRoom(db, owner.id(), false, Map.of(adminId, "admin"));
        assertEquals("added", invite(owner.token(), room, key.pubkeyHex()).body().get("status").asText());
        assertEquals("admin", RoomFixtures.roleOf(db, room, adminId));
    }

    @Test
    void unknownKeyIsPendingUntilItsFirstLogin() {
        TestUser owner = user();
        String roomA = RoomFixtures.createRoom(db, owner.id(), false, Map.of());
        String roomB = RoomFixtures.createRoom(db, owner.id(), true, Map.of());
        String untouched = RoomFixtures.createRoom(db, owner.id(), false, Map.of());
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
        assertEquals("member", RoomFixtures.roleOf(db, roomA, userId));
        assertEquals("member", RoomFixtures.roleOf(db, roomB, userId));
        assertNull(RoomFixtures.roleOf(db, untouched, userId));

        // From now on the key has an account: invites add it at once.
        String roomC = RoomFixtures.createRoom(db, owner.id(), false, Map.of());
        assertEquals("added", invite(owner.token(), roomC, key.pubkeyHex()).body().get("status").asText());
    }

    @Test
    void pendingInviteAppliesWhenTheKeyIsLinked() {
        TestUser owner = user();
        String room = RoomFixtures.createRoom(db, owner.id(), false, Map.of());
        NostrSigner key = NostrSigner.generate();
        assertEquals("pending", invite(owner.token(), room, key.pubkeyHex()).body().get("status").asText());
        TestUser carol = user();
        Response linked = NostrLoginTest.verify(api, key.loginEvent(NostrLoginTest.challenge(api)), carol.token());
        assertEquals(200, linked.status(), linked.toString());
        assertEquals("member", RoomFixtures.roleOf(db, room, carol.id()));
    }

    @Test
    void onlyOwnerOrAdminInvites() {
        TestUser owner = user();
        TestUser admin = user();
        TestUser member = user();
        TestUser stranger = user();
        String privateRoom = RoomFixtures.createRoom(db, owner.id(), false,
                Map.of(admin.id(), "admin", member.id(), "member"));
        String publicRoom = RoomFixtures.createRoom(db, owner.id(), true, Map.of());
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
        String room = RoomFixtures.createRoom(db, owner.id(), false, Map.of());
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

    static void assertError(Response r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.body().get("code").asText(), r.toString());
    }
}
