package groupchat.nostr;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP-173), the encoding NIP-19 uses for npub keys. Nostr uses the original bech32
 * checksum, not bech32m.
 */
public final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    // BIP-173's limit; NIP-19 relaxes it only for longer entities than keys.
    private static final int MAX_LENGTH = 90;

    private Bech32() {}

    public record Decoded(String hrp, byte[] data) {}

    public static String encode(String hrp, byte[] data) {
        byte[] values = convertBits(data, 8, 5, true);
        byte[] checksum = checksum(hrp, values);
        StringBuilder out = new StringBuilder(hrp).append('1');
        for (byte v : values) out.append(CHARSET.charAt(v));
        for (byte v : checksum) out.append(CHARSET.charAt(v));
        return out.toString();
    }

    /** Decodes and checks the checksum; throws IllegalArgumentException saying what is wrong. */
    public static Decoded decode(String text) {
        if (text.length() > MAX_LENGTH) throw new IllegalArgumentException("too long");
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126) throw new IllegalArgumentException("invalid character");
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) throw new IllegalArgumentException("mixed case");
        String s = text.toLowerCase(Locale.ROOT);
        int separator = s.lastIndexOf('1');
        if (separator < 1 || separator + 7 > s.length()) throw new IllegalArgumentException("missing separator or checksum");
        String hrp = s.substring(0, separator);
        byte[] values = new byte[s.length() - separator - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(s.charAt(separator + 1 + i));
            if (v < 0) throw new IllegalArgumentException("invalid character");
            values[i] = (byte) v;
        }
        if (polymod(expand(hrp, values)) != 1) throw new IllegalArgumentException("bad checksum");
        byte[] payload = new byte[values.length - 6];
        System.arraycopy(values, 0, payload, 0, payload.length);
        return new Decoded(hrp, convertBits(payload, 5, 8, false));
    }

    private static byte[] checksum(String hrp, byte[] values) {
        byte[] expanded = expand(hrp, values);
        byte[] padded = new byte[expanded.length + 6];
        System.arraycopy(expanded, 0, padded, 0, expanded.length);
        int mod = polymod(padded) ^ 1;
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        return out;
    }

    private static byte[] expand(String hrp, byte[] values) {
        int n = hrp.length();
        byte[] out = new byte[n * 2 + 1 + values.length];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (hrp.charAt(i) >> 5);
            out[n + 1 + i] = (byte) (hrp.charAt(i) & 31);
        }
        System.arraycopy(values, 0, out, n * 2 + 1, values.length);
        return out;
    }

    private static int polymod(byte[] values) {
        int chk = 1;
        for (byte v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxValue = (1 << to) - 1;
        int maxAcc = (1 << (from + to - 1)) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : in) {
            acc = ((acc << from) | (b & 0xff)) & maxAcc;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxValue);
            }
        }
        if (pad) {
            if (bits > 0) out.write((acc << (to - bits)) & maxValue);
        } else if (bits >= from || ((acc << (to - bits)) & maxValue) != 0) {
            // Leftover bits must be fewer than one group and all zero, or the encoding is not canonical.
            throw new IllegalArgumentException("bad padding");
        }
        return out.toByteArray();
    }
}
