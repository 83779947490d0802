package groupchat.nostr;

import com.fasterxml.jackson.annotation.JsonInclude;
import groupchat.auth.User;
import groupchat.auth.UserDao;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.rooms.DirectRooms;
import groupchat.rooms.Role;
import groupchat.rooms.RoomAccess;
import groupchat.rooms.RoomDao;
import groupchat.rooms.Membership;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import java.util.ArrayList;
import java.util.List;
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
        List<Events.MemberJoined> joined = new ArrayList<>(1);
        Outcome outcome = db.write(h -> {
            RoomDao rooms = h.attach(RoomDao.class);
            RoomAccess.requireRole(rooms, roomId, me.id(), Role.ADMIN);
            DirectRooms.refuse(h, roomId, "cannot be given more members");
            Optional<User> user = h.attach(UserDao.class).findByNostrPubkey(pubkey);
            if (user.isPresent()) {
                Membership.join(rooms, roomId, user.get(), now).ifPresent(joined::add);
                return new Outcome("added", user.get());
            }
            h.attach(NostrInviteDao.class).addPending(roomId, pubkey, me.id(), now);
            return new Outcome("pending", null);
        });
        joined.forEach(event -> events.publish(roomId, event));
        return outcome;
    }
}
