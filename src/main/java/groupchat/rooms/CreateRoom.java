package groupchat.rooms;

/** POST /api/rooms, as the service takes it; {@code settings} null keeps the defaults. */
public record CreateRoom(String name, String description, boolean isPublic, SettingsPatch settings) {}
