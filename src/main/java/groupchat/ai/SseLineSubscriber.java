package groupchat.ai;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Receives the response body line by line from the HTTP client and feeds the SSE parser as
 * each line arrives. {@link #result} completes at the end of the stream, or with the first failure.
 */
final class SseLineSubscriber implements Flow.Subscriber<String> {
    private final StreamAssembler assembler;
    private final SseParser parser;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private volatile long lastActivity = System.nanoTime();
    private volatile Flow.Subscription subscription;
    private AiUpstreamException parseError;

    SseLineSubscriber(StreamAssembler assembler) {
        this.assembler = assembler;
        this.parser = new SseParser(data -> {
            if (parseError != null) return;
            try {
                assembler.onData(data);
            } catch (AiUpstreamException e) {
                parseError = e;
            }
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        lastActivity = System.nanoTime();
        if (result.isDone()) subscription.cancel();
        else subscription.request(1);
    }

    @Override
    public void onNext(String line) {
        lastActivity = System.nanoTime();
        if (result.isDone()) return;
        parser.onLine(line);
        if (parseError != null) {
            fail(parseError);
            cancel();
            return;
        }
        if (assembler.sawDone()) {
            // Some servers keep the connection open after [DONE]; the answer is complete anyway.
            result.complete(null);
            cancel();
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        fail(OpenRouterClient.connectionError(error));
    }

    @Override
    public void onComplete() {
        parser.onEnd();
        if (parseError != null) fail(parseError);
        else if (!assembler.finished()) fail(new AiUpstreamException("the model stream was cut off before it finished"));
        else result.complete(null);
    }

    void fail(Exception error) {
        result.completeExceptionally(error);
    }

    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
    }

    long lastActivity() {
        return lastActivity;
    }

    CompletableFuture<Void> result() {
        return result;
    }
}
