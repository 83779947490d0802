package groupchat.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The log level, read before the rest of the configuration so that loading it can already log. */
public final class LogLevel {
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    private LogLevel() {}

    /** LOG_LEVEL wins; RUST_LOG is read for compatibility (its first bare level word). */
    public static String from(Map<String, String> env) {
        String raw = blankToNull(env.get("LOG_LEVEL"));
        if (raw == null) raw = blankToNull(env.get("RUST_LOG"));
        if (raw == null) return "info";
        for (String part : raw.split(",")) {
            String level = part.contains("=") ? part.substring(part.indexOf('=') + 1) : part;
            level = level.strip().toLowerCase(Locale.ROOT);
            if (LEVELS.contains(level)) return level;
        }
        return "info";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
