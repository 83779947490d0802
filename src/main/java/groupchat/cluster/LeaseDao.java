package groupchat.cluster;

import groupchat.ai.AnswerLeases.FollowUp;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code ai_leases} rows (PostgreSQL only): who answers in a room, until when, and who asked for more. */
public interface LeaseDao {
    /** Takes the room's lease when nobody holds it or its holder's lapsed; the holder when taken. */
    @SqlQuery("INSERT INTO ai_leases (room_id, holder, expires_at) VALUES (:roomId, :holder,"
            + " now() + make_interval(secs => :seconds)) ON CONFLICT (room_id) DO UPDATE"
            + " SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at, follow_up_by = NULL,"
            + " follow_up_name = NULL"
            + " WHERE ai_leases.expires_at < now() RETURNING holder")
    Optional<String> take(String roomId, String holder, int seconds);

    /** Leaves a follow-up for the room's live lease; 0 when there is none (it was just given back). */
    @SqlUpdate("UPDATE ai_leases SET follow_up_by = :userId, follow_up_name = :displayName"
            + " WHERE room_id = :roomId AND expires_at >= now()")
    int leaveFollowUp(String roomId, @BindMethods FollowUp asker);

    /** Gives the lease back, with the follow-up left meanwhile (its fields null when none); nothing when not ours. */
    @SqlQuery("DELETE FROM ai_leases WHERE room_id = :roomId AND holder = :holder"
            + " RETURNING follow_up_by AS user_id, follow_up_name AS display_name")
    @RegisterConstructorMapper(FollowUp.class)
    Optional<FollowUp> release(String roomId, String holder);

    @SqlUpdate("UPDATE ai_leases SET follow_up_by = NULL, follow_up_name = NULL WHERE room_id = :roomId"
            + " AND holder = :holder")
    int dropFollowUp(String roomId, String holder);

    @SqlUpdate("UPDATE ai_leases SET expires_at = now() + make_interval(secs => :seconds) WHERE holder = :holder")
    int renew(String holder, int seconds);
}
