package groupchat.cluster;

import groupchat.realtime.RoomFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The text of one bus notification. A room event: {@code E <effect> <room id> <user id> <frame>}
 * (tab-separated; the frame is the event's JSON exactly as the sockets get it, so a receiving
 * server decodes nothing but the header). An event for one user's connections:
 * {@code U <user id> <frame>}. A signal to the other servers' parts:
 * {@code S <topic> <body>}. One too large for a notification: {@code R <row id>}, the text itself
 * in the {@code bus_payloads} row. Ids and topics never hold a tab.
 */
final class BusWire {
    private BusWire() {}

    /** A decoded notification: a room event, or a signal (topic and body). */
    sealed interface Message permits Room, User, Signal {}

    record Room(RoomFrame frame) implements Message {}

    record User(String userId, ByteBuffer frame) implements Message {}

    record Signal(String topic, String body) implements Message {}

    static String room(RoomFrame frame) {
        return "E\t" + frame.effect().name() + "\t" + frame.roomId() + "\t" + (frame.userId() == null ? "" : frame.userId())
                + "\t" + text(frame.frame());
    }

    private static String text(ByteBuffer frame) {
        ByteBuffer json = frame.duplicate();
        byte[] bytes = new byte[json.remaining()];
        json.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ByteBuffer frame(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    static String user(String userId, ByteBuffer frame) {
        return "U\t" + userId + "\t" + text(frame);
    }

    static String signal(String topic, String body) {
        return "S\t" + topic + "\t" + body;
    }

    static String reference(String rowId) {
        return "R\t" + rowId;
    }

    /** The row id of a by-reference notification, or null when the text is the message itself. */
    static String referencedRow(String text) {
        return text.startsWith("R\t") ? text.substring(2) : null;
    }

    static Message decode(String text) {
        if (text.startsWith("S\t")) {
            int tab = text.indexOf('\t', 2);
            return new Signal(text.substring(2, tab), text.substring(tab + 1));
        }
        if (text.startsWith("U\t")) {
            String[] parts = text.split("\t", 3);
            return new User(parts[1], frame(parts[2]));
        }
        if (!text.startsWith("E\t")) throw new IllegalArgumentException("not a bus message: " + head(text));
        String[] parts = text.split("\t", 5);
        return new Room(new RoomFrame(parts[2], frame(parts[4]), RoomFrame.Effect.valueOf(parts[1]),
                parts[3].isEmpty() ? null : parts[3]));
    }

    private static String head(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
