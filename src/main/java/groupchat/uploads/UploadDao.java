package groupchat.uploads;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Upload.class)
public interface UploadDao {
    @SqlUpdate("INSERT INTO uploads (url, kind, content_type, size, uploaded_by, created_at)"
            + " VALUES (:url, :kind, :contentType, :size, :uploadedBy, :createdAt)")
    void insert(@BindMethods Upload upload);

    @SqlQuery("SELECT url, kind, content_type, size, uploaded_by, created_at FROM uploads WHERE url = :url")
    Optional<Upload> find(String url);

    @SqlUpdate("DELETE FROM uploads WHERE url = :url")
    void delete(String url);
}
