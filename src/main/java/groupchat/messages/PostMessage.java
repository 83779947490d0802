package groupchat.messages;

/** A human message to store, from POST /api/rooms/:room_id/messages or the WebSocket's send_message. */
public record PostMessage(String roomId, String content, String imageUrl, String replyTo, String clientMsgId) {}
