package groupchat.invites;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InvitesTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static TestUser user() {
        return running.newUser();
    }

    static JsonNode invite(TestUser by, Object body) {
        var r = api.post("/api/invites", by.token(), body);
        assertEquals(201, r.status(), r.toString());
        return r.body();
    }

    @Test
    void inviteLetsSomeoneIntoAPrivateRoom() {
        TestUser owner = user();
        TestUser guest = user();
        String roomId = api.post("/api/rooms", owner.token(), obj("name", "Hideout", "description", "shh")).body()
                .get("id").asText();
        JsonNode inv = invite(owner, obj("room_id", roomId));
        String token = inv.get("token").asText();
        assertTrue(token.length() >= 22, "at least 128 random bits");
        assertEquals("/invite/" + token, inv.get("url").asText());
        assertEquals("Hideout", inv.get("room_name").asText());
        assertEquals(0, inv.get("uses").asInt());
        assertTrue(inv.get("max_uses").isNull());
        assertTrue(inv.get("expires_at").isNull());

        JsonNode preview = api.get("/api/invites/" + token, null).body();
        assertTrue(preview.get("valid").asBoolean());
        assertEquals("Hideout", preview.at("/room/name").asText());
        assertEquals("shh", preview.at("/room/description").asText());
        assertEquals(1, preview.at("/room/member_count").asInt());

        var accepted = api.post("/api/invites/" + token + "/accept", guest.token(), null);
        assertEquals(200, accepted.status());
        assertEquals("member", accepted.body().get("my_role").asText());
        assertEquals(200, api.get("/api/rooms/" + roomId + "/messages", guest.token()).status());
        assertEquals(1, api.get("/api/invites?room_id=" + roomId, owner.token()).body().get(0).get("uses").asInt());
    }

    @Test
    void acceptIsIdempotentForMembers() {
        TestUser owner = user();
        TestUser guest = user();
        String roomId = Rooms.privateRoom(api, owner);
        String token = invite(owner, obj("room_id", roomId, "max_uses", 2)).get("token").asText();
        var ownerAccept = api.post("/api/invites/" + token + "/accept", owner.token(), null);
        assertEquals("owner", ownerAccept.body().get("my_role").asText(), "role kept");
        api.post("/api/invites/" + token + "/accept", guest.token(), null);
        api.post("/api/invites/" + token + "/accept", guest.token(), null);
        assertEquals(1, api.get("/api/invites?room_id=" + roomId, owner.token()).body().get(0).get("uses").asInt());
    }

    @Test
    void usedUpExpiredAndRevokedInvitesAreGone() throws Exception {
        TestUser owner = user();
        String roomId = Rooms.privateRoom(api, owner);
        String once = invite(owner, obj("room_id", roomId, "max_uses", 1)).get("token").asText();
        assertEquals(200, api.post("/api/invites/" + once + "/accept", user().token(), null).status());
        var usedUp = api.post("/api/invites/" + once + "/accept", user().token(), null);
        assertEquals(410, usedUp.status());
        assertEquals("gone", usedUp.body().get("code").asText());
        assertFalse(api.get("/api/invites/" + once, null).body().get("valid").asBoolean());

        String expiring = invite(owner, obj("room_id", roomId, "expires_in_hours", 1)).get("token").asText();
        try (var c = server.connectDatabase();
             var s = c.prepareStatement("UPDATE invites SET expires_at = '2020-01-01T00:00:00.000Z' WHERE token = ?")) {
            s.setString(1, expiring);
            s.executeUpdate();
        }
        assertEquals(410, api.post("/api/invites/" + expiring + "/accept", user().token(), null).status());
        assertFalse(api.get("/api/invites/" + expiring, null).body().get("valid").asBoolean());

        String revoked = invite(owner, obj("room_id", roomId)).get("token").asText();
        assertEquals(204, api.delete("/api/invites/" + revoked, owner.token()).status());
        assertEquals(410, api.post("/api/invites/" + revoked + "/accept", user().token(), null).status());
        var preview = api.get("/api/invites/" + revoked, null);
        assertEquals(200, preview.status());
        assertFalse(preview.body().get("valid").asBoolean());
        assertEquals(404, api.get("/api/invites/no-such-token", null).status());
        assertEquals(404, api.post("/api/invites/no-such-token/accept", owner.token(), null).status());
    }

    @Test
    void onlyOwnersAndAdminsManageInvites() {
        TestUser owner = user();
        TestUser member = user();
        TestUser stranger = user();
        String roomId = Rooms.privateRoom(api, owner);
        String token = invite(owner, obj("room_id", roomId)).get("token").asText();
        api.post("/api/invites/" + token + "/accept", member.token(), null);
        assertEquals(403, api.post("/api/invites", member.token(), obj("room_id", roomId)).status());
        assertEquals(404, api.post("/api/invites", stranger.token(), obj("room_id", roomId)).status());
        assertEquals(403, api.get("/api/invites?room_id=" + roomId, member.token()).status());
        assertEquals(403, api.delete("/api/invites/" + token, member.token()).status());
        assertEquals(404, api.delete("/api/invites/" + token, stranger.token()).status());
        assertEquals(400, api.post("/api/invites", owner.token(), obj("room_id", roomId, "max_uses", 0)).status());
        assertEquals(400, api.post("/api/invites", owner.token(), obj("room_id", roomId, "expires_in_hours", -1))
                .status());
        assertEquals(400, api.post("/api/invites", owner.token(), obj("room_id", roomId, "max_uses", "3")).status());
        assertEquals(400, api.post("/api/invites", owner.token(), obj()).status());
        assertEquals(1, api.get("/api/invites", owner.token()).body().size());
    }

    @Test
    void twoRacingAcceptsOfASingleUseInviteLetOnlyOneIn() throws Exception {
        for (int round = 0; round < 5; round++) {
            TestUser owner = user();
            String roomId = Rooms.privateRoom(api, owner);
            String token = invite(owner, obj("room_id", roomId, "max_uses", 1)).get("token").asText();
            List<TestUser> racers = List.of(user(), user());
            CyclicBarrier start = new CyclicBarrier(racers.size());
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (TestUser racer : racers) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return api.post("/api/invites/" + token + "/accept", racer.token(), null).status();
                }));
            }
            List<Integer> statuses = results.stream().map(CompletableFuture::join).sorted().toList();
            assertEquals(List.of(200, 410), statuses);
            assertEquals(2, api.get("/api/rooms/" + roomId, owner.token()).body().get("member_count").asInt());
        }
    }
}
