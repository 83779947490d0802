package groupchat.rooms;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Direct rooms: private rooms of kind 'direct', one per pair of users (their direct_key). */
public interface DirectRoomDao {
    @SqlQuery("SELECT id FROM rooms WHERE direct_key = :directKey")
    Optional<String> findByKey(String directKey);

    /** The AI settings keep their column defaults. */
    @SqlUpdate("INSERT INTO rooms (id, name, description, is_public, created_by, created_at, kind, direct_key)"
            + " VALUES (:id, :name, '', FALSE, :createdBy, :createdAt, 'direct', :directKey)")
    void insert(String id, String name, String createdBy, String createdAt, String directKey);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM rooms WHERE id = :roomId AND kind = 'direct')")
    boolean isDirect(String roomId);
}
