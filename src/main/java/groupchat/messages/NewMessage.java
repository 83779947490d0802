package groupchat.messages;

/** A row for {@link MessageDao#insert}: the ai_* columns are set for AI answers only. */
public record NewMessage(
        String id,
        String roomId,
        String kind,
        String userId,
        String content,
        String imageUrl,
        String replyTo,
        String clientMsgId,
        String hash,
        String createdAt,
        String aiMeta,
        String aiTriggeredBy,
        Integer aiPromptTokens,
        Integer aiCompletionTokens,
        Double aiCost) {

    public static NewMessage human(String id, String roomId, String userId, String content, String imageUrl,
                                   String replyTo, String clientMsgId, String hash, String createdAt) {
        return new NewMessage(id, roomId, Message.USER, userId, content, imageUrl, replyTo, clientMsgId, hash,
                createdAt, null, null, null, null, null);
    }

    public static NewMessage system(String id, String roomId, String content, String hash, String createdAt) {
        return new NewMessage(id, roomId, Message.SYSTEM, null, content, null, null, null, hash, createdAt,
                null, null, null, null, null);
    }

    /** {@code metaJson} is {@code meta} as stored JSON; the usage columns are copied out for sums. */
    public static NewMessage ai(String id, String roomId, String content, String hash, String createdAt,
                                AiMeta meta, String metaJson, String triggeredBy) {
        return new NewMessage(id, roomId, Message.AI, null, content, null, null, null, hash, createdAt, metaJson,
                triggeredBy, meta.promptTokens(), meta.completionTokens(), meta.cost());
    }
}
