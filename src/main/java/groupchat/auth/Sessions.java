package groupchat.auth;

import groupchat.background.DaemonThreads;
import groupchat.storage.Database;
import groupchat.storage.Session;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens that can be ended. Each token is recorded by its id when issued; a revoked one is kept in
 * memory until it expires, so checking a request costs a map lookup, never a database read. The
 * list is loaded at start and polled every {@link #POLL} for revocations made by another process
 * (the admin CLI), which a running server thus notices within a few seconds.
 */
public final class Sessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    static final Duration POLL = Duration.ofSeconds(2);
    /** Rows revoked this long before the last poll are read again: a slow commit is not missed. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);
    private static final Duration LAST_SEEN_EVERY = Duration.ofSeconds(60);

    private final Database db;
    private final Tokens tokens;
    private final Timestamps time;
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = DaemonThreads.timer("session-revocations");
    private volatile BiConsumer<String, Set<String>> onRevoked = (userId, tokenIds) -> { };
    private Instant polledAt;
    private Instant lastSeenWrittenAt;
    private Instant cleanedAt = Instant.EPOCH;

    public Sessions(Database db, Tokens tokens, Timestamps time) {
        this.db = db;
        this.tokens = tokens;
        this.time = time;
        this.polledAt = time.nowInstant();
        this.lastSeenWrittenAt = polledAt;
    }

    /** Loads the revoked tokens and starts polling; before the server accepts its first request. */
    public synchronized void start() {
        Instant now = time.nowInstant();
        for (SessionDao.Revoked row : db.read(h -> h.attach(SessionDao.class).revokedUnexpired(Timestamps.format(now)))) {
            revoked.put(row.id(), Instant.parse(row.expiresAt()).toEpochMilli());
        }
        this.polledAt = now;
        this.lastSeenWrittenAt = now;
        poller.scheduleWithFixedDelay(this::pollQuietly, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Called with a user's token ids as soon as they are revoked (the hub closes their sockets). */
    public void onRevoked(BiConsumer<String, Set<String>> listener) {
        this.onRevoked = listener;
    }

    /** Issues a token for the user, recorded in the transaction that signs them in. */
    public String open(Session h, String userId) {
        String tokenId = UUID.randomUUID().toString();
        Instant expiresAt = tokens.expiryOfNew();
        String now = time.now();
        h.attach(SessionDao.class).insert(tokenId, userId, now, Timestamps.format(expiresAt));
        h.attach(UserDao.class).updateLastSeen(userId, now);
        return tokens.issue(userId, tokenId, expiresAt);
    }

    public String open(String userId) {
        return db.write(h -> open(h, userId));
    }

    /** The claims of a valid token that was not revoked (else 401); also notes that its user was seen. */
    public Tokens.Claims verify(String token) {
        Tokens.Claims claims = tokens.claims(token);
        if (revoked.containsKey(claims.tokenId())) {
            throw ApiError.unauthorized("Token was revoked (logged out, password changed or account disabled):"
                    + " log in again");
        }
        lastSeen.put(claims.userId(), System.currentTimeMillis());
        return claims;
    }

    public boolean revoked(String tokenId) {
        return revoked.containsKey(tokenId);
    }

    /** Logout: this token only. */
    public void revoke(String tokenId) {
        db.write(h -> h.attach(SessionDao.class).revoke(tokenId, time.now()));
        refresh();
    }

    /** Takes revocations written to the database into memory and closes their connections. */
    public synchronized void refresh() {
        Instant now = time.nowInstant();
        String since = Timestamps.format(polledAt.minus(OVERLAP));
        var rows = db.read(h -> h.attach(SessionDao.class).revokedSince(since, Timestamps.format(now)));
        polledAt = now;
        Map<String, Set<String>> newlyByUser = new HashMap<>();
        for (SessionDao.Revoked row : rows) {
            if (revoked.putIfAbsent(row.id(), Instant.parse(row.expiresAt()).toEpochMilli()) == null) {
                newlyByUser.computeIfAbsent(row.userId(), k -> new HashSet<>()).add(row.id());
            }
        }
        newlyByUser.forEach(onRevoked);
    }

    private void pollQuietly() {
        try {
            refresh();
            housekeeping();
        } catch (RuntimeException e) {
            log.warn("Reading token revocations failed; the next poll will try again", e);
        }
    }

    /** Forgets expired revocations, and writes when users were last seen (once a minute, in one go). */
    private void housekeeping() {
        Instant now = time.nowInstant();
        long nowMillis = now.toEpochMilli();
        revoked.values().removeIf(expiresAt -> expiresAt <= nowMillis);
        if (Duration.between(lastSeenWrittenAt, now).compareTo(LAST_SEEN_EVERY) >= 0) writeLastSeen();
        if (Duration.between(cleanedAt, now).toHours() >= 1) {
            cleanedAt = now;
            db.write(h -> h.attach(SessionDao.class).deleteExpired(Timestamps.format(now)));
        }
    }

    private void writeLastSeen() {
        lastSeenWrittenAt = time.nowInstant();
        if (lastSeen.isEmpty()) return;
        Map<String, Long> seen = new HashMap<>(lastSeen);
        seen.forEach(lastSeen::remove);
        db.write(h -> {
            UserDao users = h.attach(UserDao.class);
            seen.forEach((userId, at) -> users.updateLastSeen(userId, Timestamps.format(Instant.ofEpochMilli(at))));
            return null;
        });
    }

    @Override
    public void close() {
        // A poll still running uses the database, which closes after this.
        DaemonThreads.stop(poller, Duration.ofSeconds(5));
        try {
            writeLastSeen();
        } catch (RuntimeException e) {
            log.warn("Could not write when users were last seen", e);
        }
    }
}
