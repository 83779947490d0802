package groupchat.messages;

/** A messages row joined with its author; {@link MessageService} turns it into a {@link Message}. */
public record MessageRow(
        long seq,
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
        String aiMeta) {}
