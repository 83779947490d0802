package groupchat.rooms;

/**
 * How the AI behaves in a room. {@code aiModel} null means the server's DEFAULT_MODEL;
 * {@code aiBudgetUsd} is the owner's monthly budget, null for none (the server's cap still applies).
 */
public record RoomSettings(String aiMode, String aiModel, String aiSystemPrompt, boolean aiWebSearch,
                           Double aiBudgetUsd) {
    public static final String MENTION = "mention";
    public static final String ALWAYS = "always";
    public static final String OFF = "off";

    public static RoomSettings defaults() {
        return new RoomSettings(MENTION, null, null, true, null);
    }
}
