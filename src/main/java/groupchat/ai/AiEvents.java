package groupchat.ai;

/** The WebSocket events of an AI answer (the contract's {@code ai_*} frames). */
public final class AiEvents {
    private AiEvents() {}

    public record Typing(String type, String roomId, boolean isTyping, String model) {
        public Typing(String roomId, boolean isTyping, String model) {
            this("ai_typing", roomId, isTyping, model);
        }
    }

    public record StreamStart(String type, String roomId, String streamId, String model) {
        public StreamStart(String roomId, String streamId, String model) {
            this("ai_stream_start", roomId, streamId, model);
        }
    }

    public record StreamChunk(String type, String roomId, String streamId, String delta) {
        public StreamChunk(String roomId, String streamId, String delta) {
            this("ai_stream_chunk", roomId, streamId, delta);
        }
    }

    /** {@code arguments} is the JSON text the model sent, as stored in the message's tool_calls. */
    public record Tool(String type, String roomId, String streamId, String tool, String arguments, String status) {
        public Tool(String roomId, String streamId, String tool, String arguments, String status) {
            this("ai_tool", roomId, streamId, tool, arguments, status);
        }
    }

    public record StreamEnd(String type, String roomId, String streamId, groupchat.messages.Message message) {
        public StreamEnd(String roomId, String streamId, groupchat.messages.Message message) {
            this("ai_stream_end", roomId, streamId, message);
        }
    }
}
