package groupchat.rooms;

/** A room as the API shows it; {@code myRole} is the caller's role, null when not a member. */
public record Room(
        String id,
        String name,
        String description,
        boolean isPublic,
        String createdBy,
        String createdAt,
        int memberCount,
        String myRole,
        RoomSettings settings) {

    /** The room as everyone sees it in a broadcast, where no single caller's role applies. */
    public Room withoutRole() {
        return new Room(id, name, description, isPublic, createdBy, createdAt, memberCount, null, settings);
    }
}
