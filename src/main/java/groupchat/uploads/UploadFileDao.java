package groupchat.uploads;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The bytes of uploaded files kept in the database (PostgreSQL); see {@link DatabaseUploadStore}. */
public interface UploadFileDao {
    /** What serving needs to answer headers and 304s, without reading the bytes. */
    record Meta(String url, String contentType, long size, String createdAt) {}

    @SqlUpdate("INSERT INTO upload_files (url, content_type, size, created_at, bytes)"
            + " VALUES (:url, :contentType, :size, :createdAt, :bytes)")
    void insert(String url, String contentType, long size, String createdAt, byte[] bytes);

    @SqlQuery("SELECT url, content_type, size, created_at FROM upload_files WHERE url = :url")
    @RegisterConstructorMapper(Meta.class)
    Optional<Meta> find(String url);

    @SqlQuery("SELECT bytes FROM upload_files WHERE url = :url")
    Optional<byte[]> bytes(String url);

    @SqlUpdate("DELETE FROM upload_files WHERE url = :url")
    void delete(String url);
}
