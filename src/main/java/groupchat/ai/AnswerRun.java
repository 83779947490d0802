package groupchat.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import groupchat.rooms.RoomSettings;
import groupchat.ai.StreamAssembler.Completion;
import groupchat.ai.StreamAssembler.ToolCallRequest;
import groupchat.ai.StreamAssembler.Usage;
import groupchat.ai.tools.AiTools;
import groupchat.messages.AiMeta;
import groupchat.messages.Message;
import groupchat.realtime.RoomEvents;
import java.util.ArrayList;
import groupchat.realtime.Events;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AI answer in one room, start to end: build the request, stream it, run tool rounds,
 * store the result (or a system message saying what failed) and send the events in the
 * contract's order. Runs on its own thread; {@link #control} stops it from another.
 */
final class AnswerRun {
    private static final Logger log = LoggerFactory.getLogger(AnswerRun.class);

    /** What an answer needs that does not change between answers. */
    record Deps(AiRoomGateway rooms, RoomEvents events, OpenRouterClient client, AiTools tools,
                PromptBuilder prompt, AiLimits limits, String defaultModel, ObjectMapper json,
                ScheduledExecutorService timer, ModelCatalog catalog, Budgets budgets, LiveStreams live) {}

    private final Deps deps;
    private final String roomId;
    private final AiOrchestrator.Trigger trigger;
    private final StreamControl control = new StreamControl();
    private final StringBuilder shown = new StringBuilder();
    private final List<AiMeta.ToolCall> toolCalls = new ArrayList<>();
    private final String streamId = UUID.randomUUID().toString();
    private boolean separatorDue;
    private Integer promptTokens;
    private Integer completionTokens;
    private Integer totalTokens;
    private Double cost;
    private boolean costEstimated;
    private String answeredBy;

    AnswerRun(Deps deps, AiOrchestrator.Trigger trigger) {
        this.deps = deps;
        this.roomId = trigger.roomId();
        this.trigger = trigger;
    }

    StreamControl control() {
        return control;
    }

    void run() {
        RoomSettings settings = deps.rooms().settings(roomId).orElse(null);
        if (settings == null || "off".equals(settings.aiMode()) || control.aborted()) return;
        Optional<Budgets.Refusal> refusal = deps.budgets().check(roomId, trigger.userId(), trigger.displayName(),
                settings.aiBudgetUsd());
        if (refusal.isPresent()) {
            if (refusal.get().notice() != null) {
                deps.rooms().storeSystemMessage(roomId, refusal.get().notice(), Events::newMessage);
            }
            return;
        }
        // A room may still name a model from before AI_MODELS was set: it gets the default instead.
        String model = settings.aiModel() == null || settings.aiModel().isBlank()
                || !deps.catalog().allows(settings.aiModel())
                ? deps.defaultModel() : settings.aiModel();
        long started = System.nanoTime();
        RoomEvents events = deps.events();
        events.publish(roomId, new AiEvents.Typing(roomId, true, model));
        deps.live().start(roomId, streamId, model);
        DeltaCoalescer chunks = new DeltaCoalescer(delta -> deps.live().chunk(roomId, streamId, delta),
                deps.timer(), deps.limits().coalesceInterval(), deps.limits().coalesceMaxChars());
        try {
            String finish = converse(settings, model, chunks);
            chunks.close();
            long latency = (System.nanoTime() - started) / 1_000_000;
            deps.rooms().storeAiMessage(roomId, text(), meta(model, finish, latency), trigger.userId(), this::streamEnd);
        } catch (StreamControl.Stopped stopped) {
            if (control.aborted()) {
                chunks.discard();
            } else {
                chunks.close();
                long latency = (System.nanoTime() - started) / 1_000_000;
                if (text().isBlank()) {
                    deps.rooms().storeSystemMessage(roomId, deps.prompt().aiName() + " was stopped before answering.",
                            this::streamEnd);
                } else {
                    deps.rooms().storeAiMessage(roomId, text(), meta(model, "stopped", latency), trigger.userId(),
                            this::streamEnd);
                }
            }
        } catch (AiUpstreamException e) {
            failed(chunks, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            chunks.discard();
        } catch (RuntimeException e) {
            log.error("AI answer in room {} failed", roomId, e);
            failed(chunks, "an internal error");
        } finally {
            deps.live().end(roomId, streamId);
            if (promptTokens != null || completionTokens != null || cost != null) deps.budgets().answered(roomId);
            events.publish(roomId, new AiEvents.Typing(roomId, false, model));
        }
    }

    /** The request/tool loop; returns the finish reason of the last round. */
    private String converse(RoomSettings settings, String model, DeltaCoalescer chunks)
            throws AiUpstreamException, StreamControl.Stopped, InterruptedException {
        boolean toolsOffered = settings.aiWebSearch() && deps.tools() != null && deps.tools().available();
        List<Message> history = deps.rooms().recentMessages(roomId, deps.limits().historyLimit());
        ArrayNode messages = deps.prompt().messages(settings, history, toolsOffered);
        for (int round = 0; ; round++) {
            boolean mayCallTools = toolsOffered && round < deps.limits().maxToolRounds();
            ObjectNode body = deps.json().createObjectNode().put("model", model).put("stream", true)
                    .put("max_tokens", deps.limits().maxTokens());
            body.set("messages", messages);
            body.putObject("usage").put("include", true);
            if (toolsOffered) {
                body.set("tools", deps.tools().definitions());
                // After the last allowed round the model must answer with what it has.
                if (!mayCallTools) body.put("tool_choice", "none");
            }
            if (control.stopped()) throw new StreamControl.Stopped();
            Completion completion = deps.client().stream(body, delta -> onDelta(delta, chunks), control);
            addUsage(model, completion.usage());
            if (completion.model() != null) answeredBy = completion.model();
            if (completion.toolCalls().isEmpty() || !mayCallTools) return completion.finishReason();
            chunks.flush();
            runTools(completion, messages);
        }
    }

    private void runTools(Completion completion, ArrayNode messages) throws StreamControl.Stopped {
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        if (completion.text().isEmpty()) assistant.putNull("content");
        else assistant.put("content", completion.text());
        ArrayNode calls = assistant.putArray("tool_calls");
        for (ToolCallRequest call : completion.toolCalls()) {
            calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                    .put("name", call.name()).put("arguments", call.arguments());
        }
        int run = 0;
        for (ToolCallRequest call : completion.toolCalls()) {
            if (control.stopped()) throw new StreamControl.Stopped();
            publishTool(call, "started");
            // A model may ask for any number of calls in one turn; each may fetch a page for 20 s.
            AiTools.Outcome outcome = run++ < AiLimits.MAX_TOOL_CALLS_PER_ROUND
                    ? deps.tools().execute(call.name(), call.arguments())
                    : new AiTools.Outcome(false, "refused: at most " + AiLimits.MAX_TOOL_CALLS_PER_ROUND
                            + " tool calls are run per turn; this one was not run");
            publishTool(call, outcome.ok() ? "finished" : "failed");
            toolCalls.add(new AiMeta.ToolCall(call.name(), call.arguments(), outcome.ok()));
            messages.addObject().put("role", "tool").put("tool_call_id", call.id())
                    .put("content", outcome.ok() ? outcome.content() : "Error: " + outcome.content());
        }
        if (shown.length() > 0) separatorDue = true;
    }

    private void onDelta(String delta, DeltaCoalescer chunks) {
        synchronized (shown) {
            if (control.aborted()) return;
            if (separatorDue) {
                // Text of a later round starts a new paragraph after the text before the tools.
                separatorDue = false;
                shown.append("\n\n");
                chunks.add("\n\n");
            }
            shown.append(delta);
            chunks.add(delta);
        }
    }

    private void publishTool(ToolCallRequest call, String status) {
        deps.events().publish(roomId, new AiEvents.Tool(roomId, streamId, call.name(), call.arguments(), status));
    }

    private void failed(DeltaCoalescer chunks, String what) {
        chunks.close();
        if (control.aborted()) return;
        log.warn("AI answer in room {} failed: {}", roomId, what);
        deps.rooms().storeSystemMessage(roomId, deps.prompt().aiName() + " could not answer: " + what + ".",
                this::streamEnd);
    }

    /** The stream's last event; the gateway publishes it as it stores the message, in stored order. */
    private Object streamEnd(Message stored) {
        deps.live().end(roomId, streamId);
        return new AiEvents.StreamEnd(roomId, streamId, stored);
    }

    private String text() {
        synchronized (shown) {
            return shown.toString().strip();
        }
    }

    private void addUsage(String model, Usage usage) {
        if (usage == null) return;
        Double roundCost = usage.cost();
        if (roundCost == null) {
            roundCost = deps.catalog().estimate(model, usage.promptTokens(), usage.completionTokens()).orElse(null);
            if (roundCost != null) costEstimated = true;
        }
        promptTokens = sum(promptTokens, usage.promptTokens());
        completionTokens = sum(completionTokens, usage.completionTokens());
        totalTokens = sum(totalTokens, usage.totalTokens() != null ? usage.totalTokens()
                : usage.promptTokens() == null || usage.completionTokens() == null ? null
                : usage.promptTokens() + usage.completionTokens());
        if (roundCost != null) cost = cost == null ? roundCost : cost + roundCost;
    }

    private static Integer sum(Integer a, Integer b) {
        if (b == null) return a;
        return a == null ? b : a + b;
    }

    private AiMeta meta(String model, String finish, long latencyMs) {
        return new AiMeta(answeredBy == null ? model : answeredBy, promptTokens, completionTokens, totalTokens, cost,
                costEstimated, finish, latencyMs, List.copyOf(toolCalls), null);
    }
}
