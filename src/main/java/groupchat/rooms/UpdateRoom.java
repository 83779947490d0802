package groupchat.rooms;

/** PUT /api/rooms/:room_id: a null field keeps what is stored; {@code settings} is merged field by field. */
public record UpdateRoom(String name, String description, Boolean isPublic, SettingsPatch settings) {}
