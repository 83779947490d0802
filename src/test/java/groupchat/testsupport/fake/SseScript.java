package groupchat.testsupport.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One streamed chat completion as OpenRouter sends it: {@code data: <chunk>} events in the
 * OpenAI streaming format, {@code : OPENROUTER PROCESSING} comments, a usage chunk at the end and
 * {@code data: [DONE]}. Steps are written and flushed one by one, so the client sees them arrive.
 */
public final class SseScript implements FakeOpenRouter.Reply {
    private static final ObjectMapper JSON = new ObjectMapper();

    private interface Step {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private final List<Step> steps = new ArrayList<>();
    private String model = "fake/model-1";
    private volatile boolean awaitTimedOut;

    public static SseScript stream() {
        return new SseScript();
    }

    /** A whole normal answer: the deltas, finish "stop", usage and [DONE]. */
    public static SseScript answer(String... deltas) {
        SseScript s = stream().role();
        for (String d : deltas) s.content(d);
        return s.finish("stop").usage(100, 20, 0.00042).done();
    }

    public SseScript model(String model) {
        this.model = model;
        return this;
    }

    public SseScript role() {
        ObjectNode chunk = chunk();
        choice(chunk).putObject("delta").put("role", "assistant").put("content", "");
        return data(chunk.toString());
    }

    public SseScript content(String text) {
        ObjectNode chunk = chunk();
        choice(chunk).putObject("delta").put("content", text);
        return data(chunk.toString());
    }

    /** A tool call as real streams send it: id and name first, the arguments in several pieces. */
    public SseScript toolCall(int index, String id, String name, String arguments) {
        ObjectNode first = chunk();
        ObjectNode call = toolCalls(choice(first).putObject("delta")).addObject().put("index", index)
                .put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", "");
        data(first.toString());
        int third = Math.max(1, arguments.length() / 3);
        for (int at = 0; at < arguments.length(); at += third) {
            String piece = arguments.substring(at, Math.min(arguments.length(), at + third));
            ObjectNode next = chunk();
            toolCalls(choice(next).putObject("delta")).addObject().put("index", index)
                    .putObject("function").put("arguments", piece);
            data(next.toString());
        }
        return this;
    }

    public SseScript finish(String reason) {
        ObjectNode chunk = chunk();
        choice(chunk).put("finish_reason", reason).putObject("delta");
        return data(chunk.toString());
    }

    public SseScript usage(int prompt, int completion, Double cost) {
        ObjectNode chunk = chunk();
        chunk.putArray("choices");
        ObjectNode usage = chunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        if (cost != null) usage.put("cost", cost);
        return data(chunk.toString());
    }

    public SseScript done() {
        return data("[DONE]");
    }

    public SseScript comment(String text) {
        return raw(": " + text + "\n\n");
    }

    public SseScript data(String data) {
        return raw("data: " + data + "\n\n");
    }

    /** Bytes exactly as given (to split events mid-line, use CRLF, or send garbage). */
    public SseScript raw(String text) {
        steps.add(out -> {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        });
        return this;
    }

    /** Waits (up to 30 s) until the test opens the gate, then goes on. */
    public SseScript await(CountDownLatch gate) {
        steps.add(out -> {
            if (!gate.await(30, TimeUnit.SECONDS)) awaitTimedOut = true;
        });
        return this;
    }

    /** True when every {@link #await} step found its gate opened by the test (not timed out). */
    public boolean gatesOpenedInTime() {
        return !awaitTimedOut;
    }

    /** Sends nothing more but keeps the connection open for up to {@code ms} milliseconds. */
    public SseScript stall(long ms) {
        steps.add(out -> Thread.sleep(ms));
        return this;
    }

    @Override
    public void respond(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (Step step : steps) step.write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (stopped or timed out): nothing more to send
        }
    }

    private ObjectNode chunk() {
        ObjectNode chunk = JSON.createObjectNode().put("id", "gen-fake").put("provider", "Fake")
                .put("model", model).put("object", "chat.completion.chunk").put("created", 1_760_000_000);
        chunk.putArray("choices");
        return chunk;
    }

    private static ObjectNode choice(ObjectNode chunk) {
        ArrayNode choices = (ArrayNode) chunk.get("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.putNull("finish_reason");
        return choice;
    }

    private static ArrayNode toolCalls(ObjectNode delta) {
        return delta.putArray("tool_calls");
    }
}
