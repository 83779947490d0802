package groupchat.ai;

import java.util.function.Consumer;

/**
 * Server-sent events, one line at a time: {@code data:} lines of one event are joined with
 * newlines and handed over at the blank line that ends the event. Comments ({@code : keep-alive},
 * which OpenRouter sends while a model thinks) and the other fields are ignored.
 */
final class SseParser {
    private final Consumer<String> onData;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    SseParser(Consumer<String> onData) {
        this.onData = onData;
    }

    void onLine(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) return;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) return;
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        if (hasData) data.append('\n');
        data.append(value);
        hasData = true;
    }

    /** The body ended: an event without its closing blank line still counts. */
    void onEnd() {
        dispatch();
    }

    private void dispatch() {
        if (!hasData) return;
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        onData.accept(event);
    }
}
