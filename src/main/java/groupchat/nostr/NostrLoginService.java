package groupchat.nostr;

import groupchat.auth.AuthService;
import groupchat.auth.Sessions;
import groupchat.auth.SignUp;
import groupchat.auth.User;
import groupchat.auth.UserCache;
import groupchat.auth.UserDao;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.rooms.Membership;
import groupchat.rooms.RoomDao;
import groupchat.storage.Database;
import groupchat.storage.Session;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Login by a signed Nostr event (NIP-42 shape). Every check runs before anything is written; the
 * challenge is consumed in the same transaction as the login, so a failure leaves it usable and
 * two verifies of one challenge cannot both succeed.
 */
public final class NostrLoginService {
    static final int AUTH_KIND = 22242;
    static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
    static final long MAX_SKEW_SECONDS = 600;
    private static final HexFormat HEX = HexFormat.of();

    private final Database db;
    private final Sessions sessions;
    private final SignUp signUp;
    private final Timestamps time;
    private final RoomEvents events;
    private final RelayTag relayTag;
    private final UserCache userCache;
    private final SecureRandom random = new SecureRandom();

    /** @param publicUrl PUBLIC_URL, or null to take the login request's own host as this server */
    public NostrLoginService(Database db, Sessions sessions, SignUp signUp, Timestamps time, RoomEvents events,
                             String publicUrl, UserCache userCache) {
        this.relayTag = new RelayTag(publicUrl);
        this.userCache = userCache;
        this.db = db;
        this.sessions = sessions;
        this.signUp = signUp;
        this.time = time;
        this.events = events;
    }

    public record Challenge(String challenge, String expiresAt) {}

    public record Login(String token, User user, boolean created) {}

    public Challenge challenge() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String challenge = HEX.formatHex(bytes);
        Instant now = time.nowInstant();
        String expiresAt = Timestamps.format(now.plus(CHALLENGE_TTL));
        db.write(h -> {
            ChallengeDao challenges = h.attach(ChallengeDao.class);
            challenges.deleteExpired(Timestamps.format(now));
            challenges.insert(challenge, expiresAt);
            return null;
        });
        return new Challenge(challenge, expiresAt);
    }

    /**
     * Logs in (or signs up) the event's pubkey; with {@code linkTo}, links the pubkey to that account.
     * {@code requestHost} is the request's Host header, this server's name when PUBLIC_URL is unset.
     */
    public Login verify(NostrEvent event, User linkTo, String requestHost) {
        if (event.kind() != AUTH_KIND) throw refused("Event kind must be " + AUTH_KIND);
        List<String> tagged = event.tagValues("challenge");
        if (tagged.isEmpty()) throw refused("Event has no [\"challenge\", <challenge>] tag");
        if (tagged.size() > 1) throw refused("Event has more than one challenge tag");
        for (String relay : event.tagValues("relay")) {
            if (!relayTag.namesThisServer(relay, requestHost)) {
                throw refused("Event was signed for another server: its relay tag does not name this server");
            }
        }
        String challenge = tagged.get(0);
        Instant now = time.nowInstant();
        if (Math.abs(event.createdAt() - now.getEpochSecond()) > MAX_SKEW_SECONDS) {
            throw refused("Event created_at is more than 10 minutes away from the server's time");
        }
        String nowText = Timestamps.format(now);
        if (challenge.length() != 64 || !db.read(h -> h.attach(ChallengeDao.class).usable(challenge, nowText))) {
            throw challengeRefused();
        }
        if (!EventId.matches(event)) throw refused("Event id is not the hash of the event's NIP-01 serialization");
        if (!Schnorr.verify(HEX.parseHex(event.pubkey()), HEX.parseHex(event.id()), HEX.parseHex(event.sig()))) {
            throw refused("Event signature is not a valid BIP-340 signature by its pubkey");
        }
        String pubkey = event.pubkey().toLowerCase(Locale.ROOT);

        List<Events.MemberJoined> joined = new ArrayList<>();
        Login login = db.write(h -> {
            if (h.attach(ChallengeDao.class).consume(challenge, nowText) != 1) throw challengeRefused();
            UserDao users = h.attach(UserDao.class);
            Optional<User> holder = users.findByNostrPubkey(pubkey);
            User user;
            boolean created = false;
            if (linkTo != null) {
                if (holder.isPresent() && !holder.get().id().equals(linkTo.id())) {
                    throw ApiError.conflict("This Nostr key already belongs to another account");
                }
                users.updateNostrPubkey(linkTo.id(), pubkey);
                user = users.findById(linkTo.id()).orElseThrow(() -> refused("Account no longer exists"));
            } else if (holder.isPresent()) {
                user = holder.get();
            } else {
                user = createUser(h, pubkey, nowText);
                created = true;
            }
            if (users.isDisabled(user.id())) throw AuthService.disabled();
            NostrInviteDao invites = h.attach(NostrInviteDao.class);
            RoomDao rooms = h.attach(RoomDao.class);
            for (String roomId : invites.pendingRooms(pubkey)) {
                Membership.join(rooms, roomId, user, nowText).ifPresent(joined::add);
            }
            invites.deletePending(pubkey);
            return new Login(sessions.open(h, user.id()), user, created);
        });
        // Linking gave the account a key (its User shows it).
        if (linkTo != null) userCache.changed(linkTo.id());
        joined.forEach(memberJoined -> events.publish(memberJoined.roomId(), memberJoined));
        return login;
    }

    /** Username: the first 16 characters of the npub, then -2, -3... while that is taken. */
    /** Sign-up follows REGISTRATION, where a pending Nostr invite for the key counts as an invitation. */
    private User createUser(Session h, String pubkey, String now) {
        UserDao users = h.attach(UserDao.class);
        String base = Pubkeys.toNpub(pubkey).substring(0, 16);
        String username = base;
        for (int n = 2; users.usernameTaken(AuthService.usernameKey(username)); n++) username = base + "-" + n;
        String key = AuthService.usernameKey(username);
        boolean admin = signUp.admit(users, key, !h.attach(NostrInviteDao.class).pendingRooms(pubkey).isEmpty());
        String id = UUID.randomUUID().toString();
        users.insert(id, username, key, username, null, pubkey, now, admin);
        return users.findById(id).orElseThrow();
    }

    private static ApiError challengeRefused() {
        return refused("Challenge is unknown, expired or already used; ask for a new one");
    }

    private static ApiError refused(String message) {
        return ApiError.unauthorized(message);
    }
}
