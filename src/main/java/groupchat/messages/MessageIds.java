package groupchat.messages;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Message ids: UUIDs of version 7 (RFC 9562), whose first 48 bits are the time in milliseconds
 * and the rest random (ids of one millisecond in no set order). New ids sort after older ones, so
 * each insert into the id index lands on its last page instead of a random one: with random
 * (version 4) ids every message dirtied a page of its own for the log and the checkpoint to copy.
 */
final class MessageIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {}

    static String next() {
        long randomHigh = RANDOM.nextInt() & 0x0FFFL;
        long randomLow = RANDOM.nextLong();
        long mostSignificant = (System.currentTimeMillis() << 16) | 0x7000L | randomHigh;
        long leastSignificant = (randomLow & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
