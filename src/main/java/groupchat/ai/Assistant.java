package groupchat.ai;

import groupchat.messages.Message;

/**
 * What the rest of the server tells the assistant: the one way it is attached. {@link
 * AiOrchestrator} implements it; {@code App} passes it to the messages, rooms and WebSocket
 * features, which call it after their own work is stored and announced.
 */
public interface Assistant {
    /** A human message was stored and announced; {@code aiMode} is its room's, read in the same transaction. */
    void messagePosted(Message message, String aiMode);

    /** The room was cleared or deleted: its running answer ends and stores nothing. */
    void roomGone(String roomId);

    /** A member sent {@code ai_stop}: the running answer ends, keeping its text so far. */
    void stop(String roomId);
}
