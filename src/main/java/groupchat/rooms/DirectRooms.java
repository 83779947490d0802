package groupchat.rooms;

import groupchat.auth.User;
import groupchat.auth.UserDao;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.realtime.UserEvents;
import groupchat.storage.Database;
import groupchat.storage.Session;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Direct rooms: the private room of two users, found or made by {@code POST /api/dms}. Both are
 * owners (equals: either may change the AI settings, clear or delete it); nobody else can get
 * in, and it can never be made public.
 */
public final class DirectRooms {
    private static final int MAX_NAME = 100;

    /** The room as the caller sees it; {@code created} true when this call made it. */
    public record Opened(Room room, boolean created) {}

    private final Database db;
    private final RoomEvents roomEvents;
    private final UserEvents userEvents;
    private final Timestamps time;

    public DirectRooms(Database db, RoomEvents roomEvents, UserEvents userEvents, Timestamps time) {
        this.db = db;
        this.roomEvents = roomEvents;
        this.userEvents = userEvents;
        this.time = time;
    }

    /**
     * Finds the pair's room or makes it. A member who left is added back (asking again means
     * wanting to talk), announced like any join; each user who gains the room is also sent
     * {@code room_added} on their own connections, so it shows up without a reload.
     */
    public Opened open(User me, String userId) {
        if (userId == null) throw ApiError.badRequest("Field 'user_id' is required");
        if (userId.equals(me.id())) throw ApiError.badRequest("Field 'user_id' must be another user than yourself");
        String key = directKey(me.id(), userId);
        List<User> added = new ArrayList<>();
        Opened opened = db.write(h -> {
            User other = h.attach(UserDao.class).findById(userId)
                    .orElseThrow(() -> ApiError.notFound("User not found"));
            DirectRoomDao direct = h.attach(DirectRoomDao.class);
            RoomDao rooms = h.attach(RoomDao.class);
            Optional<String> existing = direct.findByKey(key);
            String roomId = existing.orElseGet(() -> UUID.randomUUID().toString());
            String now = time.now();
            if (existing.isEmpty()) direct.insert(roomId, name(me, other), me.id(), now, key);
            for (User u : List.of(me, other)) {
                if (rooms.addMember(roomId, u.id(), Role.OWNER.wire(), now) == 1) added.add(u);
            }
            return new Opened(rooms.find(roomId, me.id()).orElseThrow(), existing.isEmpty());
        });
        String roomId = opened.room().id();
        for (User u : added) {
            // Announced even in a new room: every membership change passes the membership cache.
            roomEvents.publish(roomId, Events.memberJoined(roomId, u));
            Room seen = u.id().equals(me.id()) ? opened.room()
                    : db.read(h -> h.attach(RoomDao.class).find(roomId, u.id())).orElse(null);
            if (seen != null) userEvents.publishToUser(u.id(), Events.roomAdded(seen));
        }
        return opened;
    }

    /** Refuses (409) what a direct room never allows: more members, joining, going public. */
    public static void refuse(Session h, String roomId, String what) {
        if (h.attach(DirectRoomDao.class).isDirect(roomId)) {
            throw ApiError.conflict("A direct room " + what);
        }
    }

    static String directKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
    }

    /** Stored for clients that show a room's name; clients show the other member instead. */
    private static String name(User a, User b) {
        String name = a.displayName() + " & " + b.displayName();
        return name.codePointCount(0, name.length()) <= MAX_NAME ? name
                : name.substring(0, name.offsetByCodePoints(0, MAX_NAME - 1)) + "…";
    }
}
