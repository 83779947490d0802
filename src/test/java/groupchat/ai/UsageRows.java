package groupchat.ai;

import groupchat.storage.Database;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Writes rooms, members and AI answers straight into a test server's database, for the usage
 * route, until the rooms and messages features can create them through the API.
 */
final class UsageRows implements AutoCloseable {
    private final Database db;

    UsageRows(Path databaseFile) {
        this.db = new Database(databaseFile);
    }

    String room(boolean isPublic) {
        String id = UUID.randomUUID().toString();
        db.write(h -> h.execute("INSERT INTO rooms (id, name, is_public, created_at) VALUES (?, ?, ?, ?)",
                id, "room", isPublic, "2026-01-01T00:00:00.000Z"));
        return id;
    }

    void member(String roomId, String userId) {
        db.write(h -> h.execute("INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)",
                roomId, userId, "member", "2026-01-01T00:00:00.000Z"));
    }

    void answer(String roomId, String triggeredBy, int promptTokens, int completionTokens, Double cost) {
        db.write(h -> h.execute("INSERT INTO messages (id, room_id, kind, content, hash, created_at, ai_meta,"
                        + " ai_triggered_by, ai_prompt_tokens, ai_completion_tokens, ai_cost)"
                        + " VALUES (?, ?, 'ai', 'answer', ?, ?, '{}', ?, ?, ?, ?)",
                UUID.randomUUID().toString(), roomId, "0".repeat(64), "2026-01-01T00:00:00.000Z", triggeredBy,
                promptTokens, completionTokens, cost));
    }

    void humanMessage(String roomId, String userId) {
        db.write(h -> h.execute("INSERT INTO messages (id, room_id, kind, user_id, content, hash, created_at)"
                        + " VALUES (?, ?, 'user', ?, 'hi @ai', ?, ?)",
                UUID.randomUUID().toString(), roomId, userId, "0".repeat(64), "2026-01-01T00:00:00.000Z"));
    }

    @Override
    public void close() {
        db.close();
    }
}
