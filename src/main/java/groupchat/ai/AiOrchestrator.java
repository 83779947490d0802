package groupchat.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.tools.AiTools;
import groupchat.messages.Message;
import groupchat.realtime.RoomEvents;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the assistant answers and keeps at most one answer running per room. A trigger
 * that arrives while a room's answer runs is remembered (the newest one wins) and answered once
 * the running answer ends: any number of triggers meanwhile make one follow-up, which reads the
 * history afresh and so sees all of them.
 */
public final class AiOrchestrator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AiOrchestrator.class);

    private final AiRoomGateway rooms;
    private final Mentions mentions;
    private final boolean enabled;
    private final AnswerRun.Deps deps;
    private final ExecutorService answers;
    private final ScheduledExecutorService timer;
    /** Rooms with an answer running. Guarded by {@code this}. */
    private final Map<String, Slot> running = new HashMap<>();

    private static final class Slot {
        AnswerRun current;
        Message followUp;
    }

    /**
     * @param enabled false when OPENROUTER_API_KEY is unset: no message triggers anything
     * @param tools   null or {@code !available()} when search is off: no tools are offered
     */
    public AiOrchestrator(AiRoomGateway rooms, RoomEvents events, OpenRouterClient client, AiTools tools,
                          ObjectMapper json, String aiName, String defaultModel, AiLimits limits, boolean enabled) {
        this.rooms = rooms;
        this.mentions = new Mentions(aiName);
        this.enabled = enabled;
        this.answers = Executors.newCachedThreadPool(daemon("ai-answer"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("ai-chunks"));
        PromptBuilder prompt = new PromptBuilder(json, rooms, aiName, limits.maxImages(), limits.maxImageBytes());
        this.deps = new AnswerRun.Deps(rooms, events, client, tools, prompt, limits, defaultModel, json, timer);
    }

    /** Called by the messages feature after a message is stored and broadcast. */
    public void onMessageStored(Message message) {
        if (!enabled || !Message.USER.equals(message.kind())) return;
        var settings = rooms.settings(message.roomId());
        if (settings.isEmpty() || !triggers(settings.get().aiMode(), message)) return;
        synchronized (this) {
            Slot slot = running.get(message.roomId());
            if (slot != null) {
                slot.followUp = message;
                return;
            }
            slot = new Slot();
            running.put(message.roomId(), slot);
            start(slot, message);
        }
    }

    private boolean triggers(String mode, Message message) {
        return switch (mode) {
            case "always" -> true;
            case "mention" -> mentions.mentionsAssistant(message.content());
            default -> false;
        };
    }

    /** The {@code ai_stop} frame: ends the running answer, keeping its text; drops a pending follow-up. */
    public synchronized void stop(String roomId) {
        Slot slot = running.get(roomId);
        if (slot == null) return;
        slot.followUp = null;
        slot.current.control().stop();
    }

    /** The room was cleared or deleted: end its answer and store nothing. */
    public synchronized void roomGone(String roomId) {
        Slot slot = running.get(roomId);
        if (slot == null) return;
        slot.followUp = null;
        slot.current.control().abort();
    }

    public synchronized boolean answering(String roomId) {
        return running.containsKey(roomId);
    }

    private void start(Slot slot, Message trigger) {
        AnswerRun run = new AnswerRun(deps, trigger);
        slot.current = run;
        answers.execute(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                log.error("AI answer in room {} ended badly", trigger.roomId(), e);
            } finally {
                finished(trigger.roomId(), slot);
            }
        });
    }

    private synchronized void finished(String roomId, Slot slot) {
        if (slot.followUp != null && !answers.isShutdown()) {
            Message next = slot.followUp;
            slot.followUp = null;
            start(slot, next);
        } else {
            running.remove(roomId, slot);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            running.values().forEach(slot -> {
                slot.followUp = null;
                slot.current.control().abort();
            });
        }
        answers.shutdownNow();
        timer.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
