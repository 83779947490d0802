package groupchat.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Tokens;
import groupchat.auth.UserDao;
import groupchat.realtime.RoomEvents;
import groupchat.rooms.RoomService;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.testsupport.NostrSigner;
import groupchat.web.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the services hand to RoomEvents, on a real database. (Until the WebSocket hub is wired,
 * App passes a no-op RoomEvents, so these events cannot be seen over the wire yet.)
 */
class MemberJoinedEventsTest {
    record Published(String roomId, JsonNode event) {}

    final ObjectMapper json = Json.newMapper();
    final List<Published> published = new CopyOnWriteArrayList<>();
    Path dir;
    Database db;
    NostrLoginService login;
    NostrInviteService invites;

    @BeforeEach
    void open() throws IOException {
        dir = Files.createTempDirectory("groupchat-nostr-events");
        db = new Database(dir.resolve("chat.db"));
        Timestamps time = new Timestamps(Clock.systemUTC());
        Tokens tokens = new Tokens("x".repeat(40), Duration.ofHours(1), Clock.systemUTC());
        RoomEvents events = (roomId, event) -> published.add(new Published(roomId, json.valueToTree(event)));
        RoomService rooms = new RoomService(db, events, time);
        login = new NostrLoginService(db, tokens, rooms, time, events);
        invites = new NostrInviteService(db, rooms, time, events);
    }

    @AfterEach
    void close() throws IOException {
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    String signUp(NostrSigner key) {
        String challenge = login.challenge().challenge();
        return login.verify(key.loginEvent(challenge), null).user().id();
    }

    @Test
    void addingAnExistingKeyPublishesMemberJoinedOnce() {
        String ownerId = signUp(NostrSigner.generate());
        NostrSigner key = NostrSigner.generate();
        String userId = signUp(key);
        String room = RoomFixtures.createRoom(dir.resolve("chat.db"), ownerId, false, Map.of());
        var owner = db.read(h -> h.attach(UserDao.class).findById(ownerId)).orElseThrow();

        invites.invite(owner, room, key.pubkeyHex());
        invites.invite(owner, room, key.pubkeyHex());

        assertEquals(1, published.size(), published.toString());
        Published p = published.get(0);
        assertEquals(room, p.roomId());
        assertEquals("member_joined", p.event().get("type").asText());
        assertEquals(room, p.event().get("room_id").asText());
        assertEquals(userId, p.event().get("user").get("id").asText());
        assertEquals(key.pubkeyHex(), p.event().get("user").get("nostr_pubkey").asText());
    }

    @Test
    void firstLoginWithPendingInvitesPublishesForEachRoom() {
        String ownerId = signUp(NostrSigner.generate());
        var owner = db.read(h -> h.attach(UserDao.class).findById(ownerId)).orElseThrow();
        String roomA = RoomFixtures.createRoom(dir.resolve("chat.db"), ownerId, false, Map.of());
        String roomB = RoomFixtures.createRoom(dir.resolve("chat.db"), ownerId, true, Map.of());
        NostrSigner key = NostrSigner.generate();
        invites.invite(owner, roomA, key.pubkeyHex());
        invites.invite(owner, roomB, Pubkeys.toNpub(key.pubkeyHex()));
        assertTrue(published.isEmpty());

        String userId = signUp(key);
        assertEquals(List.of(roomA, roomB).stream().sorted().toList(),
                published.stream().map(Published::roomId).sorted().toList());
        for (Published p : published) {
            assertEquals("member_joined", p.event().get("type").asText());
            assertEquals(p.roomId(), p.event().get("room_id").asText());
            assertEquals(userId, p.event().get("user").get("id").asText());
        }
        published.clear();
        login.verify(key.loginEvent(login.challenge().challenge()), null);
        assertTrue(published.isEmpty(), "a later login joins nothing new");
    }
}
