package groupchat.auth;

import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(User.Mapper.class)
public interface UserDao {
    String COLUMNS = "id, username, display_name, avatar_url, nostr_pubkey, created_at, is_admin";

    @SqlUpdate("INSERT INTO users (id, username, username_key, display_name, password_hash, nostr_pubkey, created_at,"
            + " is_admin) VALUES (:id, :username, :usernameKey, :displayName, :passwordHash, :nostrPubkey, :createdAt,"
            + " :isAdmin)")
    void insert(String id, String username, String usernameKey, String displayName, String passwordHash,
                String nostrPubkey, String createdAt, boolean isAdmin);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
    Optional<User> findById(String id);

    /** The account a token stands for: a disabled account signs nobody in. */
    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id AND disabled = FALSE")
    Optional<User> findEnabledById(String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE username_key = :usernameKey")
    Optional<User> findByUsernameKey(String usernameKey);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE nostr_pubkey = :pubkey")
    Optional<User> findByNostrPubkey(String pubkey);

    @SqlQuery("SELECT password_hash FROM users WHERE id = :id")
    Optional<String> passwordHash(String id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM users WHERE username_key = :usernameKey)")
    boolean usernameTaken(String usernameKey);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM users)")
    boolean anyUser();

    @SqlQuery("SELECT disabled FROM users WHERE id = :id")
    boolean isDisabled(String id);

    @SqlUpdate("UPDATE users SET display_name = :displayName WHERE id = :id")
    void updateDisplayName(String id, String displayName);

    @SqlUpdate("UPDATE users SET password_hash = :passwordHash WHERE id = :id")
    void updatePasswordHash(String id, String passwordHash);

    @SqlUpdate("UPDATE users SET avatar_url = :avatarUrl WHERE id = :id")
    void updateAvatarUrl(String id, String avatarUrl);

    @SqlUpdate("UPDATE users SET nostr_pubkey = :pubkey WHERE id = :id")
    void updateNostrPubkey(String id, String pubkey);

    @SqlUpdate("UPDATE users SET is_admin = :isAdmin WHERE id = :id")
    void updateAdmin(String id, boolean isAdmin);

    @SqlUpdate("UPDATE users SET disabled = :disabled WHERE id = :id")
    void updateDisabled(String id, boolean disabled);

    @SqlUpdate("UPDATE users SET last_seen_at = :at WHERE id = :id AND (last_seen_at IS NULL OR last_seen_at < :at)")
    void updateLastSeen(String id, String at);

    /** ADMIN_USERS, applied at start (and at sign-up, by {@link SignUp}). */
    @SqlUpdate("UPDATE users SET is_admin = TRUE WHERE is_admin = FALSE AND username_key IN (<keys>)")
    int makeAdmins(@BindList("keys") Collection<String> keys);

    @SqlUpdate("DELETE FROM users WHERE id = :id")
    void delete(String id);
}
