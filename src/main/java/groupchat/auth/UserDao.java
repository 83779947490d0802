package groupchat.auth;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(User.Mapper.class)
public interface UserDao {
    String COLUMNS = "id, username, display_name, avatar_url, nostr_pubkey, created_at";

    @SqlUpdate("INSERT INTO users (id, username, username_key, display_name, password_hash, nostr_pubkey, created_at)"
            + " VALUES (:id, :username, :usernameKey, :displayName, :passwordHash, :nostrPubkey, :createdAt)")
    void insert(String id, String username, String usernameKey, String displayName, String passwordHash,
                String nostrPubkey, String createdAt);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
    Optional<User> findById(String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE username_key = :usernameKey")
    Optional<User> findByUsernameKey(String usernameKey);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE nostr_pubkey = :pubkey")
    Optional<User> findByNostrPubkey(String pubkey);

    @SqlQuery("SELECT password_hash FROM users WHERE id = :id")
    Optional<String> passwordHash(String id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM users WHERE username_key = :usernameKey)")
    boolean usernameTaken(String usernameKey);

    @SqlUpdate("UPDATE users SET display_name = :displayName WHERE id = :id")
    void updateDisplayName(String id, String displayName);

    @SqlUpdate("UPDATE users SET password_hash = :passwordHash WHERE id = :id")
    void updatePasswordHash(String id, String passwordHash);

    @SqlUpdate("UPDATE users SET avatar_url = :avatarUrl WHERE id = :id")
    void updateAvatarUrl(String id, String avatarUrl);

    @SqlUpdate("UPDATE users SET nostr_pubkey = :pubkey WHERE id = :id")
    void updateNostrPubkey(String id, String pubkey);
}
