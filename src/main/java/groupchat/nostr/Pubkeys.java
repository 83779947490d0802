package groupchat.nostr;

import groupchat.web.ApiError;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Public keys as the API takes them (64 hex or an npub) and as it stores them (64 lowercase hex). */
public final class Pubkeys {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private Pubkeys() {}

    /** Normalises hex or npub to lowercase hex; a 400 naming the field for anything else. */
    public static String parse(String field, String input) {
        if (input == null) throw ApiError.badRequest("Field '" + field + "' is required");
        String text = input.strip();
        byte[] key;
        if (HEX64.matcher(text).matches()) {
            key = HEX.parseHex(text.toLowerCase(Locale.ROOT));
        } else {
            try {
                key = fromNpub(text);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("Field '" + field + "' must be 64 hex characters or an npub ("
                        + e.getMessage() + ")");
            }
        }
        // A key that is no curve point could never sign a login, so it is refused up front.
        if (!Schnorr.isValidPublicKey(key)) {
            throw ApiError.badRequest("Field '" + field + "' is not a valid secp256k1 public key");
        }
        return HEX.formatHex(key);
    }

    /** NIP-19: the 32-byte key of an npub; throws IllegalArgumentException saying what is wrong. */
    public static byte[] fromNpub(String npub) {
        Bech32.Decoded decoded = Bech32.decode(npub);
        if (!decoded.hrp().equals("npub")) throw new IllegalArgumentException("not an npub");
        if (decoded.data().length != 32) throw new IllegalArgumentException("wrong key length");
        return decoded.data();
    }

    public static String toNpub(String hex) {
        return Bech32.encode("npub", HEX.parseHex(hex));
    }
}
