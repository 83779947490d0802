package groupchat.rooms;

import java.util.Locale;

/** Member roles, strongest first. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String wire) {
        return wire == null ? null : valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }
}
