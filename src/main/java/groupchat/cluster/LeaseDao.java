package groupchat.cluster;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code ai_leases} rows (PostgreSQL only): who answers in a room, until when, and who asked for more. */
public interface LeaseDao {
    /** Takes the room's lease when nobody holds it or its holder's lapsed; the holder when taken. */
    @SqlQuery("INSERT INTO ai_leases (room_id, holder, expires_at) VALUES (:roomId, :holder,"
            + " now() + make_interval(secs => :seconds)) ON CONFLICT (room_id) DO UPDATE"
            + " SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at, follow_up_by = NULL"
            + " WHERE ai_leases.expires_at < now() RETURNING holder")
    Optional<String> take(String roomId, String holder, int seconds);

    /** Leaves a follow-up for the room's live lease; 0 when there is none (it was just given back). */
    @SqlUpdate("UPDATE ai_leases SET follow_up_by = :userId WHERE room_id = :roomId AND expires_at >= now()")
    int leaveFollowUp(String roomId, String userId);

    /** Gives the lease back; '' when nobody left a follow-up, nothing when it was not ours. */
    @SqlQuery("DELETE FROM ai_leases WHERE room_id = :roomId AND holder = :holder"
            + " RETURNING COALESCE(follow_up_by, '')")
    Optional<String> release(String roomId, String holder);

    @SqlUpdate("UPDATE ai_leases SET follow_up_by = NULL WHERE room_id = :roomId AND holder = :holder")
    int dropFollowUp(String roomId, String holder);

    @SqlUpdate("UPDATE ai_leases SET expires_at = now() + make_interval(secs => :seconds) WHERE holder = :holder")
    int renew(String holder, int seconds);
}
