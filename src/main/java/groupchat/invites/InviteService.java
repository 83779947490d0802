package groupchat.invites;

import groupchat.auth.User;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.rooms.DirectRooms;
import groupchat.rooms.Role;
import groupchat.rooms.Room;
import groupchat.rooms.RoomAccess;
import groupchat.rooms.RoomDao;
import groupchat.rooms.Membership;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Invite links: made and revoked by owners and admins, accepted by anyone signed in. */
public final class InviteService {
    private static final int MAX_HOURS = 24 * 365;
    private static final int MAX_USES = 1_000_000;

    public record Preview(PreviewRoom room, String expiresAt, boolean valid) {}

    public record PreviewRoom(String id, String name, String description, int memberCount) {}

    private final Database db;
    private final RoomEvents events;
    private final Timestamps time;
    private final SecureRandom random = new SecureRandom();

    public InviteService(Database db, RoomEvents events, Timestamps time) {
        this.db = db;
        this.events = events;
        this.time = time;
    }

    public Invite create(User me, CreateInvite command) {
        String roomId = command.roomId();
        Integer maxUses = command.maxUses();
        Integer expiresInHours = command.expiresInHours();
        if (maxUses != null && (maxUses < 1 || maxUses > MAX_USES)) {
            throw ApiError.badRequest("Field 'max_uses' must be 1-" + MAX_USES);
        }
        if (expiresInHours != null && (expiresInHours < 1 || expiresInHours > MAX_HOURS)) {
            throw ApiError.badRequest("Field 'expires_in_hours' must be 1-" + MAX_HOURS);
        }
        String token = newToken();
        return db.write(h -> {
            RoomAccess.requireRole(h.attach(RoomDao.class), roomId, me.id(), Role.ADMIN);
            DirectRooms.refuse(h, roomId, "cannot be given more members");
            var now = time.nowInstant();
            String expiresAt = expiresInHours == null ? null
                    : Timestamps.format(now.plus(Duration.ofHours(expiresInHours)));
            InviteDao invites = h.attach(InviteDao.class);
            invites.insert(token, roomId, me.id(), Timestamps.format(now), expiresAt, maxUses);
            return invites.find(token).orElseThrow().toInvite();
        });
    }

    /** The room's invites, or without a room every invite of rooms the caller manages. */
    public List<Invite> list(User me, String roomId) {
        return db.read(h -> {
            InviteDao invites = h.attach(InviteDao.class);
            if (roomId == null) return invites.listManagedBy(me.id()).stream().map(InviteRow::toInvite).toList();
            RoomAccess.requireRole(h.attach(RoomDao.class), roomId, me.id(), Role.ADMIN);
            return invites.listForRoom(roomId).stream().map(InviteRow::toInvite).toList();
        });
    }

    public Preview preview(String token) {
        return db.read(h -> {
            InviteRow invite = h.attach(InviteDao.class).find(token).orElseThrow(InviteService::unknown);
            Room room = h.attach(RoomDao.class).find(invite.roomId(), "").orElseThrow(InviteService::unknown);
            return new Preview(new PreviewRoom(room.id(), room.name(), room.description(), room.memberCount()),
                    invite.expiresAt(), invite.validAt(time.now()));
        });
    }

    /** Joins the invite's room. Members keep their role and use no invite; 410 when not usable. */
    public Room accept(User me, String token) {
        List<Events.MemberJoined> joined = new ArrayList<>(1);
        Room room = db.write(h -> {
            InviteRow invite = h.attach(InviteDao.class).find(token).orElseThrow(InviteService::unknown);
            RoomDao roomDao = h.attach(RoomDao.class);
            if (roomDao.role(invite.roomId(), me.id()).isEmpty()) {
                admit(h.attach(InviteDao.class), roomDao, me, token).ifPresent(joined::add);
            }
            return roomDao.find(invite.roomId(), me.id()).orElseThrow();
        });
        joined.forEach(event -> events.publish(room.id(), event));
        return room;
    }

    /** Inside the caller's transaction: is the invite usable now (sign-up by invitation)? */
    public boolean usable(InviteDao invites, String token) {
        return invites.find(token).map(i -> i.validAt(time.now())).orElse(false);
    }

    /**
     * Inside the caller's transaction: counts one use and makes {@code user} a member of the invite's
     * room; the member_joined event to publish once it has committed. 404 unknown, 410 not usable.
     */
    public Optional<Events.MemberJoined> admit(InviteDao invites, RoomDao rooms, User user, String token) {
        InviteRow invite = invites.find(token).orElseThrow(InviteService::unknown);
        if (invites.useOnce(token, time.now()) == 0) {
            throw ApiError.gone("This invite has expired, been used up or been revoked");
        }
        return Membership.join(rooms, invite.roomId(), user, time.now());
    }

    /** After the transaction that admitted a user has committed. */
    public void announce(Events.MemberJoined joined) {
        events.publish(joined.roomId(), joined);
    }

    public void revoke(User me, String token) {
        db.write(h -> {
            InviteDao invites = h.attach(InviteDao.class);
            InviteRow invite = invites.find(token).orElseThrow(InviteService::unknown);
            try {
                RoomAccess.requireRole(h.attach(RoomDao.class), invite.roomId(), me.id(), Role.ADMIN);
            } catch (ApiError e) {
                // Someone who cannot manage the room learns nothing about its invites.
                if (e.status() == 404) throw unknown();
                throw e;
            }
            invites.revoke(token);
            return null;
        });
    }

    private String newToken() {
        byte[] bytes = new byte[24]; // 192 random bits
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ApiError unknown() {
        return ApiError.notFound("Invite not found");
    }
}
