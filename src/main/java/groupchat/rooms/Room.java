package groupchat.rooms;

/**
 * A room as the API shows it. {@code myRole}, {@code lastReadMessageId} and {@code unreadCount}
 * are the caller's (null, null and 0 when not a member).
 */
public record Room(
        String id,
        String name,
        String description,
        boolean isPublic,
        String createdBy,
        String createdAt,
        int memberCount,
        String myRole,
        RoomSettings settings,
        String kind,
        String lastReadMessageId,
        int unreadCount) {

    public static final String GROUP = "group";
    public static final String DIRECT = "direct";

    /** The room as everyone sees it in a broadcast, where no single caller's role applies. */
    public Room withoutRole() {
        return new Room(id, name, description, isPublic, createdBy, createdAt, memberCount, null, settings, kind,
                null, 0);
    }
}
