package groupchat.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.storage.Database;
import groupchat.storage.Session;
import groupchat.web.ApiError;

/**
 * The one way a stored message changes: in a write transaction, under the room's order lock,
 * announced as {@code message_updated} when something did change. Edits, deletes and reactions
 * all go through here, so their events keep their place among the room's new messages.
 */
public final class MessageUpdates {
    /** A message after a change; {@code changed} false when the request changed nothing. */
    record Outcome(Message message, boolean changed) {}

    @FunctionalInterface
    interface Change {
        Outcome apply(Session h, MessageChangeDao messages);
    }

    private final Database db;
    private final RoomOrder order;
    private final RoomEvents events;
    private final MessageAssembler assembler;

    public MessageUpdates(Database db, RoomOrder order, RoomEvents events, ObjectMapper json, String aiName) {
        this.db = db;
        this.order = order;
        this.events = events;
        this.assembler = new MessageAssembler(json, aiName);
    }

    Message apply(String roomId, Change change) {
        return order.inOrder(roomId, () -> {
            Outcome outcome = db.write(h -> change.apply(h, h.attach(MessageChangeDao.class)));
            if (outcome.changed()) events.publish(roomId, Events.messageUpdated(outcome.message()));
            return outcome.message();
        });
    }

    /** The message of this room, or 404 (also for a message of another room). */
    static MessageRow target(MessageChangeDao messages, String roomId, String messageId) {
        return messages.find(messageId, roomId).orElseThrow(() -> ApiError.notFound("Message not found"));
    }

    Outcome unchanged(MessageRow row) {
        return new Outcome(assembler.toMessage(row), false);
    }

    /** The message as stored now, after this transaction's change. */
    Outcome changed(MessageChangeDao messages, MessageRow before) {
        return new Outcome(assembler.toMessage(target(messages, before.roomId(), before.id())), true);
    }

    MessageAssembler assembler() {
        return assembler;
    }
}
