package groupchat.nostr;

import com.fasterxml.jackson.annotation.JsonInclude;
import groupchat.auth.User;
import groupchat.auth.UserDao;
import groupchat.realtime.RoomEvents;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import java.util.Optional;

/** Invites by Nostr key: adds the key's account at once, or remembers the key until its first login. */
public final class NostrInviteService {
    private final Database db;
    private final Timestamps time;
    private final RoomEvents events;

    public NostrInviteService(Database db, Timestamps time, RoomEvents events) {
        this.db = db;
        this.time = time;
        this.events = events;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String status, User user) {}

    public Outcome invite(User me, String roomId, String pubkeyInput) {
        String pubkey = Pubkeys.parse("pubkey", pubkeyInput);
        String now = time.now();
        boolean[] joined = {false};
        Outcome outcome = db.write(h -> {
            NostrInviteDao invites = h.attach(NostrInviteDao.class);
            boolean isPublic = invites.roomIsPublic(roomId).orElseThrow(NostrInviteService::noRoom);
            Optional<String> role = invites.role(roomId, me.id());
            // A private room is invisible to non-members: 404, so its existence does not leak.
            if (role.isEmpty() && !isPublic) throw noRoom();
            if (role.isEmpty() || !(role.get().equals("owner") || role.get().equals("admin"))) {
                throw ApiError.forbidden("Only the room's owner or an admin can invite");
            }
            Optional<User> user = h.attach(UserDao.class).findByNostrPubkey(pubkey);
            if (user.isPresent()) {
                joined[0] = invites.addMember(roomId, user.get().id(), now) == 1;
                return new Outcome("added", user.get());
            }
            invites.addPending(roomId, pubkey, me.id(), now);
            return new Outcome("pending", null);
        });
        if (joined[0]) events.publish(roomId, new MemberJoined(roomId, outcome.user()));
        return outcome;
    }

    private static ApiError noRoom() {
        return ApiError.notFound("Room not found");
    }
}
