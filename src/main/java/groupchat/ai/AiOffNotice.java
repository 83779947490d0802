package groupchat.ai;

import groupchat.messages.Message;
import groupchat.realtime.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With AI off (no OPENROUTER_API_KEY), a message that would have triggered the assistant gets a
 * {@code system} message saying it is not configured here, so nobody waits for an answer that
 * cannot come. At most one per room per hour: in an {@code always} room every message triggers.
 * {@code App} attaches it in place of the {@link AiOrchestrator} when AI is off.
 */
public final class AiOffNotice implements Assistant {
    private static final Logger log = LoggerFactory.getLogger(AiOffNotice.class);
    static final Duration QUIET = Duration.ofHours(1);

    private final AiRoomGateway rooms;
    private final Mentions mentions;
    private final String text;
    private final Clock clock;
    /** Room -> when its last notice was posted. Guarded by {@code this}. */
    private final Map<String, Instant> postedAt = new HashMap<>();

    public AiOffNotice(AiRoomGateway rooms, String aiName, Clock clock) {
        this.rooms = rooms;
        this.mentions = new Mentions(aiName);
        this.clock = clock;
        this.text = "The AI assistant (" + aiName + ") is not configured on this server, so nobody will answer. "
                + "A server administrator can turn it on by setting OPENROUTER_API_KEY.";
    }

    @Override
    public void messagePosted(Message message, String aiMode) {
        if (!Message.USER.equals(message.kind()) || !mentions.triggers(aiMode, message.content())) return;
        if (!claim(message.roomId())) return;
        try {
            rooms.storeSystemMessage(message.roomId(), text, Events::newMessage);
        } catch (RuntimeException e) {
            log.warn("Could not post the AI-off notice in room {}", message.roomId(), e);
        }
    }

    /** No answer ever runs, so there is none to end. */
    @Override
    public void roomGone(String roomId) {
    }

    @Override
    public void stop(String roomId) {
    }

    /** True when the room has had no notice in the last hour; records this one. */
    private synchronized boolean claim(String roomId) {
        Instant now = clock.instant();
        postedAt.values().removeIf(at -> !now.isBefore(at.plus(QUIET)));
        return postedAt.putIfAbsent(roomId, now) == null;
    }
}
