package groupchat.messages;

/** A stored message, as the API shows it. {@code ai} is null unless {@code kind} is "ai". */
public record Message(
        String id,
        String roomId,
        String kind,
        String userId,
        String username,
        String displayName,
        String avatarUrl,
        String content,
        String imageUrl,
        String replyTo,
        String clientMsgId,
        String hash,
        String createdAt,
        AiMeta ai) {

    public static final String USER = "user";
    public static final String AI = "ai";
    public static final String SYSTEM = "system";
}
