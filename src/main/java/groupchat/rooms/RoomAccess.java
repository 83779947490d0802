package groupchat.rooms;

import groupchat.web.ApiError;

/**
 * Who may touch a room. A private room is invisible to non-members (404, so its existence does
 * not leak); a public one is visible but its messages are for members (403).
 */
public final class RoomAccess {
    private RoomAccess() {}

    /** The room as {@code userId} may see it, or 404. */
    public static Room visible(RoomDao rooms, String roomId, String userId) {
        Room room = rooms.find(roomId, userId).orElseThrow(RoomAccess::notFound);
        if (room.myRole() == null && !room.isPublic()) throw notFound();
        return room;
    }

    /** The caller's role in the room; 404/403 as the contract says when not a member. */
    public static Role requireMember(RoomDao rooms, String roomId, String userId) {
        return Role.of(requireMembership(rooms, roomId, userId).role());
    }

    /** The same check, answering what was read with it (the room's AI mode, for the AI trigger). */
    public static RoomDao.Access requireMembership(RoomDao rooms, String roomId, String userId) {
        RoomDao.Access access = rooms.access(roomId, userId).orElseThrow(RoomAccess::notFound);
        if (access.role() == null) {
            if (!access.isPublic()) throw notFound();
            throw ApiError.forbidden("You are not a member of this room");
        }
        return access;
    }

    public static Role requireRole(RoomDao rooms, String roomId, String userId, Role least) {
        Role role = requireMember(rooms, roomId, userId);
        if (!role.atLeast(least)) {
            throw ApiError.forbidden("This needs the " + least.wire() + " role in the room");
        }
        return role;
    }

    public static ApiError notFound() {
        return ApiError.notFound("Room not found");
    }
}
