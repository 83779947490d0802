package groupchat.nostr;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Rooms written straight into the test server's SQLite file, until the rooms API exists.
 * Swap {@link #createRoom} for {@code POST /api/rooms} (plus joins and role changes) and
 * {@link #roleOf} for {@code GET /api/rooms/:id} when it does.
 */
final class RoomFixtures {
    private RoomFixtures() {}

    /** A room owned by {@code ownerId}, with the other members and roles given. */
    static String createRoom(Path databaseFile, String ownerId, boolean isPublic, Map<String, String> otherMembers) {
        String roomId = UUID.randomUUID().toString();
        String now = groupchat.storage.Timestamps.format(Instant.now());
        try (Connection c = open(databaseFile)) {
            try (PreparedStatement room = c.prepareStatement(
                    "INSERT INTO rooms (id, name, is_public, created_by, created_at) VALUES (?, ?, ?, ?, ?)")) {
                room.setString(1, roomId);
                room.setString(2, "room " + roomId.substring(0, 8));
                room.setBoolean(3, isPublic);
                room.setString(4, ownerId);
                room.setString(5, now);
                room.executeUpdate();
            }
            try (PreparedStatement member = c.prepareStatement(
                    "INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)")) {
                member.setString(1, roomId);
                member.setString(2, ownerId);
                member.setString(3, "owner");
                member.setString(4, now);
                member.executeUpdate();
                for (var entry : otherMembers.entrySet()) {
                    member.setString(2, entry.getKey());
                    member.setString(3, entry.getValue());
                    member.executeUpdate();
                }
            }
            return roomId;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user's role in the room, or null when not a member. */
    static String roleOf(Path databaseFile, String roomId, String userId) {
        try (Connection c = open(databaseFile);
             PreparedStatement q = c.prepareStatement(
                     "SELECT role FROM room_members WHERE room_id = ? AND user_id = ?")) {
            q.setString(1, roomId);
            q.setString(2, userId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection open(Path databaseFile) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
        try (var s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
        }
        return c;
    }
}
