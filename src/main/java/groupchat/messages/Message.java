package groupchat.messages;

import java.util.List;

/**
 * A stored message, as the API shows it. {@code ai} is null unless {@code kind} is "ai". A
 * deleted message stays as a tombstone: {@code deleted} true, content "", no image, no reactions.
 */
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
        AiMeta ai,
        String editedAt,
        boolean deleted,
        List<Reaction> reactions) {

    public static final String USER = "user";
    public static final String AI = "ai";
    public static final String SYSTEM = "system";

    /** A message as it is first stored: never edited, not deleted, no reactions yet. */
    public Message(String id, String roomId, String kind, String userId, String username, String displayName,
                   String avatarUrl, String content, String imageUrl, String replyTo, String clientMsgId,
                   String hash, String createdAt, AiMeta ai) {
        this(id, roomId, kind, userId, username, displayName, avatarUrl, content, imageUrl, replyTo, clientMsgId,
                hash, createdAt, ai, null, false, List.of());
    }

    /** One emoji on a message: how many reacted with it and who, in the order they did. */
    public record Reaction(String emoji, int count, List<String> userIds) {}
}
