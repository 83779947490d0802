package groupchat.storage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp format of the API and the database: ISO-8601 UTC, always with milliseconds.
 * ({@code Instant.toString()} drops zero milliseconds, which would break text ordering.)
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public Timestamps(Clock clock) {
        this.clock = clock;
    }

    public Instant nowInstant() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public String now() {
        return format(nowInstant());
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
