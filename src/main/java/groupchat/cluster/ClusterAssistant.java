package groupchat.cluster;

import groupchat.ai.Assistant;
import groupchat.messages.Message;

/**
 * The assistant of a server in a cluster: the answer of a room may run on another server, so
 * {@code ai_stop} and a cleared or deleted room are told to every server over the bus, and each
 * one's orchestrator acts if it runs that room's answer.
 */
public final class ClusterAssistant implements Assistant {
    private static final String STOP = "ai_stop";
    private static final String ROOM_GONE = "ai_room_gone";

    private final Assistant local;
    private final PgBus bus;

    public ClusterAssistant(Assistant local, PgBus bus) {
        this.local = local;
        this.bus = bus;
        bus.onSignal(STOP, local::stop);
        bus.onSignal(ROOM_GONE, local::roomGone);
    }

    @Override
    public void messagePosted(Message message, String aiMode) {
        local.messagePosted(message, aiMode);
    }

    @Override
    public void roomGone(String roomId) {
        // At once here, where the room went; the other servers hear it from the bus.
        local.roomGone(roomId);
        bus.signal(ROOM_GONE, roomId);
    }

    @Override
    public void stop(String roomId) {
        bus.signal(STOP, roomId);
    }
}
