package groupchat.auth;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.NostrSigner;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REGISTRATION=open|invite|closed, for password sign-up and Nostr sign-up alike. */
class RegistrationModesTest {
    static Response register(Api api, String username, String inviteToken) {
        var body = obj("username", username, "password", "password123");
        if (inviteToken != null) body.put("invite_token", inviteToken);
        return api.post("/api/auth/register", null, body);
    }

    static void assertClosed(Response r) {
        assertEquals(403, r.status(), r.toString());
        assertEquals("registration_closed", r.body().get("code").asText());
    }

    static String invite(Api api, TestUser owner, String roomId, Integer maxUses) {
        var body = obj("room_id", roomId);
        if (maxUses != null) body.put("max_uses", maxUses);
        return api.post("/api/invites", owner.token(), body).body().get("token").asText();
    }

    static Response nostrLogin(Api api, NostrSigner key) {
        String challenge = api.post("/api/auth/nostr/challenge", null, obj()).body().get("challenge").asText();
        return api.post("/api/auth/nostr/verify", null, obj("event", key.loginEvent(challenge)));
    }

    static boolean usernameFree(Api api, String username) {
        return api.post("/api/auth/login", null, obj("username", username, "password", "password123")).status() == 401;
    }

    @Test
    void inviteModeAdmitsOnlyWithAUsableInviteAndJoinsItsRoom() {
        try (TestServer server = TestServer.start(Map.of("REGISTRATION", "invite"))) {
            Api api = server.api();
            // The first account of an empty server may always register, and is its admin.
            Response first = register(api, "founder", null);
            assertEquals(201, first.status(), first.toString());
            TestUser founder = new TestUser(first.body().get("token").asText(),
                    first.body().get("user").get("id").asText(), "founder");
            assertTrue(first.body().get("user").get("is_admin").asBoolean());

            assertClosed(register(api, "uninvited", null));
            assertClosed(register(api, "bogus", "no-such-invite"));
            assertTrue(usernameFree(api, "uninvited"));

            String roomId = Rooms.create(api, founder, "invited room", false);
            String once = invite(api, founder, roomId, 1);
            Response invited = register(api, "invited", once);
            assertEquals(201, invited.status(), invited.toString());
            String token = invited.body().get("token").asText();
            JsonNode rooms = api.get("/api/rooms", token).body();
            assertEquals(1, rooms.size());
            assertEquals(roomId, rooms.get(0).get("id").asText());
            assertEquals("member", rooms.get(0).get("my_role").asText());
            assertEquals(1, api.get("/api/invites?room_id=" + roomId, founder.token()).body().get(0).get("uses").asInt());

            assertClosed(register(api, "second_try", once));
        }
    }

    @Test
    void closedModeLetsOnlyAdminsCreateAccounts() {
        try (TestServer server = TestServer.start(Map.of("REGISTRATION", "closed"))) {
            Api api = server.api();
            TestUser admin = api.register("admin_first");
            String roomId = Rooms.create(api, admin, "invited room", false);
            assertClosed(register(api, "outsider", null));
            assertClosed(register(api, "with_invite", invite(api, admin, roomId, null)));

            Response created = api.post("/api/admin/users", admin.token(),
                    obj("username", "by_admin", "password", "password123"));
            assertEquals(201, created.status(), created.toString());
            assertEquals(200, api.post("/api/auth/login", null, obj("username", "by_admin", "password", "password123"))
                    .status());
        }
    }

    @Test
    void openModeAcceptsAGivenInviteAndRefusesAnUnusableOne() {
        try (TestServer server = TestServer.start(Map.of("REGISTRATION", "open"))) {
            Api api = server.api();
            TestUser owner = api.register("owner");
            String roomId = Rooms.create(api, owner, "invited room", false);
            assertEquals(201, register(api, "plain", null).status());

            Response joined = register(api, "joiner", invite(api, owner, roomId, null));
            assertEquals(201, joined.status());
            assertEquals(1, api.get("/api/rooms", joined.body().get("token").asText()).body().size());

            String revoked = invite(api, owner, roomId, null);
            api.delete("/api/invites/" + revoked, owner.token());
            assertEquals(410, register(api, "late", revoked).status());
            assertEquals(404, register(api, "lost", "no-such-invite").status());
            assertTrue(usernameFree(api, "late"), "a refused sign-up creates nothing");
        }
    }

    @Test
    void nostrSignUpFollowsTheModeAndAPendingNostrInviteCountsAsAnInvitation() {
        try (TestServer server = TestServer.start(Map.of("REGISTRATION", "invite"))) {
            Api api = server.api();
            TestUser founder = api.register("founder");
            Response stranger = nostrLogin(api, NostrSigner.generate());
            assertClosed(stranger);

            NostrSigner guest = NostrSigner.generate();
            String roomId = Rooms.create(api, founder, "invited room", false);
            Response pending = api.post("/api/invites/nostr", founder.token(),
                    obj("room_id", roomId, "pubkey", guest.pubkeyHex()));
            assertEquals("pending", pending.body().get("status").asText(), pending.toString());
            Response login = nostrLogin(api, guest);
            assertEquals(200, login.status(), login.toString());
            assertTrue(login.body().get("created").asBoolean());
            assertEquals(roomId, api.get("/api/rooms", login.body().get("token").asText()).body().get(0).get("id")
                    .asText());
            // Known accounts keep logging in whatever the mode.
            assertEquals(200, nostrLogin(api, guest).status());
        }
        try (TestServer server = TestServer.start(Map.of("REGISTRATION", "closed"))) {
            server.api().register("founder");
            assertClosed(nostrLogin(server.api(), NostrSigner.generate()));
        }
    }

    @Test
    void theFirstNostrAccountOfAnEmptyServerIsItsAdmin() {
        try (TestServer server = TestServer.start(Map.of("REGISTRATION", "closed"))) {
            Response first = nostrLogin(server.api(), NostrSigner.generate());
            assertEquals(200, first.status(), first.toString());
            assertTrue(first.body().get("user").get("is_admin").asBoolean());
        }
    }

    @Test
    void aDisabledNostrAccountCannotLogIn() {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            TestUser admin = api.register("admin");
            NostrSigner key = NostrSigner.generate();
            String userId = nostrLogin(api, key).body().get("user").get("id").asText();
            assertEquals(200, api.put("/api/admin/users/" + userId, admin.token(), obj("disabled", true)).status());
            Response refused = nostrLogin(api, key);
            assertEquals(403, refused.status());
            assertEquals("forbidden", refused.body().get("code").asText());
        }
    }

    @Test
    void anUnknownModeStopsTheStart() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(groupchat.config.ConfigException.class,
                () -> TestServer.start(Map.of("REGISTRATION", "sometimes")));
        assertTrue(e.getMessage().contains("REGISTRATION"), e.getMessage());
    }
}
