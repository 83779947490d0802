package groupchat.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.tools.AiTools;
import groupchat.background.DaemonThreads;
import groupchat.messages.Message;
import groupchat.ratelimit.RateLimiter;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the assistant answers and keeps at most one answer running per room. A trigger
 * that arrives while a room's answer runs is remembered (the newest one wins) and answered once
 * the running answer ends: any number of triggers meanwhile make one follow-up, which reads the
 * history afresh and so sees all of them.
 *
 * <p>Answers started per room are rate limited (RATE_LIMIT_AI_ANSWERS_PER_MINUTE). A trigger over
 * the limit is skipped: it is logged, and the room gets one {@code system} message saying so per
 * limit window (not one per skipped trigger, which in a busy {@code always} room would be spam).
 *
 * <p>With several servers on one database, {@link AnswerLeases} keeps it to one answer per room
 * across them: a trigger on a server whose room is answered elsewhere becomes that answer's follow-up.
 */
public final class AiOrchestrator implements Assistant, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AiOrchestrator.class);

    /** Least time between two "busy" notices in one room. */
    private static final long BUSY_NOTICE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AiRoomGateway rooms;
    private final String aiName;
    private final RateLimiter answersPerRoom;
    private final AnswerLeases leases;
    private final Mentions mentions;
    private final boolean enabled;
    private final AnswerRun.Deps deps;
    private final LiveStreams live;
    private final ThreadPoolExecutor answers;
    private final ScheduledExecutorService timer;
    /** Rooms with an answer running. Guarded by {@code this}. */
    private final Map<String, Slot> running = new HashMap<>();
    /** Room -> System.nanoTime() until which no new over-the-limit notice is posted. Guarded by {@code this}. */
    private final Map<String, Long> noticeUntil = new HashMap<>();

    /** What an answer is for: its room, and the user whose message asked for it. */
    record Trigger(String roomId, String userId, String displayName) {
        AnswerLeases.FollowUp asker() {
            return new AnswerLeases.FollowUp(userId, displayName);
        }
    }

    private static final class Slot {
        AnswerRun current;
        Trigger followUp;
    }

    /**
     * @param tools          null or {@code !available()} when search is off: no tools are offered
     * @param enabled        false when OPENROUTER_API_KEY is unset: no message triggers anything
     * @param answersPerRoom counts answers started, keyed by room id
     * @param catalog        the models rooms may use and their prices
     * @param budgets        checked before each answer, told what each one cost
     * @param leases         one answer per room across servers ({@link AnswerLeases#LOCAL} on one server)
     */
    public AiOrchestrator(AiRoomGateway rooms, RoomEvents events, OpenRouterClient client, AiTools tools,
                          ObjectMapper json, String aiName, String defaultModel, AiLimits limits, boolean enabled,
                          RateLimiter answersPerRoom, ModelCatalog catalog, Budgets budgets,
                          AnswerLeases leases) {
        this.rooms = rooms;
        this.aiName = aiName;
        this.answersPerRoom = answersPerRoom;
        this.leases = leases;
        this.mentions = new Mentions(aiName);
        this.enabled = enabled;
        // Bounded: each answer holds a thread for up to minutes (streams, tool calls), so an
        // unbounded pool let a burst of triggers over many rooms start any number of threads.
        this.answers = new ThreadPoolExecutor(limits.maxRunningAnswers(), limits.maxRunningAnswers(),
                30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(limits.maxQueuedAnswers()),
                DaemonThreads.numbered("ai-answer"), new ThreadPoolExecutor.AbortPolicy());
        answers.allowCoreThreadTimeOut(true);
        this.timer = DaemonThreads.timer("ai-chunks");
        PromptBuilder prompt = new PromptBuilder(json, rooms, aiName, limits.maxImages(), limits.maxImageBytes());
        this.live = new LiveStreams(events);
        this.deps = new AnswerRun.Deps(rooms, events, client, tools, prompt, limits, defaultModel, json, timer,
                catalog, budgets, live);
    }

    @Override
    public void messagePosted(Message message, String aiMode) {
        if (!enabled || !Message.USER.equals(message.kind()) || !mentions.triggers(aiMode, message.content())) return;
        Trigger trigger = new Trigger(message.roomId(), message.userId(), message.displayName());
        String notice;
        synchronized (this) {
            Slot slot = running.get(trigger.roomId());
            if (slot != null) {
                slot.followUp = trigger;
                return;
            }
            // Another server answering in the room has taken the trigger as its follow-up.
            if (!leases.acquire(trigger.roomId(), trigger.asker())) return;
            long retryAfter = answersPerRoom.acquire(trigger.roomId());
            if (retryAfter == 0) {
                slot = new Slot();
                running.put(trigger.roomId(), slot);
                if (start(slot, trigger)) return;
                running.remove(trigger.roomId(), slot);
                leases.release(trigger.roomId());
                notice = busy(trigger.roomId());
            } else {
                leases.release(trigger.roomId());
                notice = overLimit(trigger.roomId(), retryAfter);
            }
        }
        postNotice(trigger.roomId(), notice);
    }

    /** Logs a skipped trigger; returns the room's notice text, or null when one was posted recently. */
    private String overLimit(String roomId, long retryAfterSeconds) {
        log.info("AI answer limit reached in room {}: trigger skipped, next answer possible in {} s", roomId,
                retryAfterSeconds);
        long now = System.nanoTime();
        noticeUntil.values().removeIf(until -> until - now <= 0);
        if (noticeUntil.putIfAbsent(roomId, now + retryAfterSeconds * 1_000_000_000L) != null) return null;
        return aiName + " is not answering: this room has reached its limit of answers per minute. Mention "
                + aiName + " again in " + retryAfterSeconds + " s.";
    }

    /** Logs a trigger the full answer queue turned away; returns the room's notice, or null as above. */
    private String busy(String roomId) {
        if (answers.isShutdown()) return null;
        log.warn("AI answer queue full ({} running, {} waiting): trigger in room {} skipped",
                answers.getActiveCount(), answers.getQueue().size(), roomId);
        long now = System.nanoTime();
        noticeUntil.values().removeIf(until -> until - now <= 0);
        if (noticeUntil.putIfAbsent(roomId, now + BUSY_NOTICE_NANOS) != null) return null;
        return aiName + " is busy answering in other rooms and cannot answer now. Mention " + aiName
                + " again in a minute.";
    }

    /** Stored outside the orchestrator's lock: storing waits for the database writer. */
    private void postNotice(String roomId, String notice) {
        if (notice == null) return;
        try {
            rooms.storeSystemMessage(roomId, notice, Events::newMessage);
        } catch (RuntimeException e) {
            log.warn("Could not post the AI limit notice in room {}", roomId, e);
        }
    }

    /** The {@code ai_stop} frame: ends the running answer, keeping its text; drops a pending follow-up. */
    @Override
    public synchronized void stop(String roomId) {
        Slot slot = running.get(roomId);
        if (slot == null) return;
        slot.followUp = null;
        leases.dropFollowUp(roomId);
        slot.current.control().stop();
    }

    /** The room was cleared or deleted: end its answer and store nothing. */
    @Override
    public synchronized void roomGone(String roomId) {
        Slot slot = running.get(roomId);
        if (slot == null) return;
        slot.followUp = null;
        leases.dropFollowUp(roomId);
        slot.current.control().abort();
    }

    /** For the WebSocket: joins to a room catch up with the answer streaming there. */
    public LiveStreams liveStreams() {
        return live;
    }

    /** Queues the answer; false when the queue is full (the slot is then the caller's to drop). */
    private boolean start(Slot slot, Trigger trigger) {
        AnswerRun run = new AnswerRun(deps, trigger);
        slot.current = run;
        try {
            answers.execute(() -> run(slot, run, trigger));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void run(Slot slot, AnswerRun run, Trigger trigger) {
        try {
            run.run();
        } catch (RuntimeException e) {
            log.error("AI answer in room {} ended badly", trigger.roomId(), e);
        } finally {
            finished(trigger.roomId(), slot);
        }
    }

    private void finished(String roomId, Slot slot) {
        String notice = null;
        synchronized (this) {
            Trigger next = answers.isShutdown() ? null : slot.followUp;
            slot.followUp = null;
            boolean released = false;
            if (next != null) {
                // The follow-up reads the history afresh: it answers other servers' triggers too.
                leases.dropFollowUp(roomId);
            } else {
                released = true;
                next = leases.release(roomId).filter(asker -> !answers.isShutdown())
                        .map(asker -> new Trigger(roomId, asker.userId(), asker.displayName())).orElse(null);
            }
            long retryAfter = next == null ? -1 : answersPerRoom.acquire(roomId);
            // A follow-up left by another server needs the room again; it may have gone meanwhile.
            boolean held = !released || retryAfter == 0 && leases.acquire(roomId, next.asker());
            if (retryAfter == 0 && held && start(slot, next)) return;
            running.remove(roomId, slot);
            if (held) leases.release(roomId);
            if (retryAfter > 0) notice = overLimit(roomId, retryAfter);
            else if (retryAfter == 0 && held) notice = busy(roomId);
        }
        postNotice(roomId, notice);
    }

    @Override
    public void close() {
        synchronized (this) {
            running.values().forEach(slot -> {
                slot.followUp = null;
                slot.current.control().abort();
            });
        }
        // An answer may be storing its message right now, and the database closes after this.
        DaemonThreads.stop(answers, Duration.ofSeconds(5));
        timer.shutdownNow();
    }
}
