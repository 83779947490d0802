package groupchat.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * A Nostr client's side, for tests: BIP-340 signing over BouncyCastle's secp256k1 and NIP-01
 * events whose ids are computed here, independently of the server's code (with Jackson).
 */
public final class NostrSigner {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BigInteger secret;
    private final byte[] pubkey;

    private NostrSigner(BigInteger secret) {
        if (secret.signum() <= 0 || secret.compareTo(N) >= 0) throw new IllegalArgumentException("bad secret key");
        this.secret = secret;
        this.pubkey = xBytes(CURVE.getG().multiply(secret).normalize());
    }

    public static NostrSigner generate() {
        while (true) {
            BigInteger d = new BigInteger(256, RANDOM);
            if (d.signum() > 0 && d.compareTo(N) < 0) return new NostrSigner(d);
        }
    }

    public static NostrSigner fromSecretHex(String hex) {
        return new NostrSigner(new BigInteger(1, HEX.parseHex(hex)));
    }

    public String pubkeyHex() {
        return HEX.formatHex(pubkey);
    }

    /** BIP-340 Sign(sk, m, a). */
    public byte[] sign(byte[] message, byte[] aux) {
        ECPoint p = CURVE.getG().multiply(secret).normalize();
        BigInteger d = p.getAffineYCoord().testBitZero() ? N.subtract(secret) : secret;
        byte[] t = bytes32(d);
        byte[] auxHash = taggedHash("BIP0340/aux", aux);
        for (int i = 0; i < 32; i++) t[i] ^= auxHash[i];
        BigInteger k0 = new BigInteger(1, taggedHash("BIP0340/nonce", t, pubkey, message)).mod(N);
        if (k0.signum() == 0) throw new IllegalStateException("nonce is zero");
        ECPoint r = CURVE.getG().multiply(k0).normalize();
        BigInteger k = r.getAffineYCoord().testBitZero() ? N.subtract(k0) : k0;
        byte[] rx = xBytes(r);
        BigInteger e = new BigInteger(1, taggedHash("BIP0340/challenge", rx, pubkey, message)).mod(N);
        byte[] sig = new byte[64];
        System.arraycopy(rx, 0, sig, 0, 32);
        System.arraycopy(bytes32(k.add(e.multiply(d)).mod(N)), 0, sig, 32, 32);
        return sig;
    }

    /** A login event for the challenge, created now. */
    public ObjectNode loginEvent(String challenge) {
        return event(System.currentTimeMillis() / 1000, 22242, List.of(List.of("challenge", challenge)), "");
    }

    /** A signed event; its id is the SHA-256 of Jackson's compact serialization. */
    public ObjectNode event(long createdAt, int kind, List<List<String>> tags, String content) {
        return withId(jacksonId(pubkeyHex(), createdAt, kind, tags, content), createdAt, kind, tags, content);
    }

    /** A signed event with the id given, for ids the test computes itself (or gets wrong on purpose). */
    public ObjectNode withId(String id, long createdAt, int kind, List<List<String>> tags, String content) {
        byte[] aux = new byte[32];
        RANDOM.nextBytes(aux);
        ObjectNode event = Api.JSON.createObjectNode();
        event.put("id", id);
        event.put("pubkey", pubkeyHex());
        event.put("created_at", createdAt);
        event.put("kind", kind);
        event.set("tags", Api.JSON.valueToTree(tags));
        event.put("content", content);
        event.put("sig", HEX.formatHex(sign(HEX.parseHex(id), aux)));
        return event;
    }

    /**
     * Jackson writes no spaces, escapes only quotes, backslashes and control characters, and keeps
     * non-ASCII as UTF-8: the NIP-01 serialization for any content without other control characters.
     */
    public static String jacksonId(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
        try {
            return sha256Hex(Api.JSON.writeValueAsString(List.of(0, pubkey, createdAt, kind, tags, content)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String text) {
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] taggedHash(String tag, byte[]... parts) {
        MessageDigest sha = sha256();
        byte[] tagHash = sha.digest(tag.getBytes(StandardCharsets.UTF_8));
        sha.update(tagHash);
        sha.update(tagHash);
        for (byte[] part : parts) sha.update(part);
        return sha.digest();
    }

    private static byte[] xBytes(ECPoint point) {
        return bytes32(point.getAffineXCoord().toBigInteger());
    }

    private static byte[] bytes32(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(32, value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
