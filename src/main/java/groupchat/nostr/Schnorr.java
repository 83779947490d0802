package groupchat.nostr;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * BIP-340 Schnorr verification over BouncyCastle's secp256k1. Only the steps BIP-340 itself
 * defines are written here (lift_x, tagged hashes, the checks); field and point arithmetic is BC's.
 */
public final class Schnorr {
    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = SECP256K1.getCurve();
    private static final ECPoint G = SECP256K1.getG();
    private static final BigInteger N = SECP256K1.getN();
    private static final BigInteger P = CURVE.getField().getCharacteristic();

    private Schnorr() {}

    /** BIP-340 Verify(pk, m, sig); false for any malformed input, never an exception. */
    public static boolean verify(byte[] pubkey, byte[] message, byte[] sig) {
        if (pubkey.length != 32 || sig.length != 64) return false;
        ECPoint pk = liftX(pubkey);
        if (pk == null) return false;
        BigInteger r = BigIntegers.fromUnsignedByteArray(sig, 0, 32);
        BigInteger s = BigIntegers.fromUnsignedByteArray(sig, 32, 32);
        if (r.compareTo(P) >= 0 || s.compareTo(N) >= 0) return false;
        BigInteger e = new BigInteger(1, taggedHash("BIP0340/challenge", slice(sig, 0, 32), pubkey, message)).mod(N);
        ECPoint point = G.multiply(s).add(pk.multiply(e).negate()).normalize();
        if (point.isInfinity()) return false;
        if (point.getAffineYCoord().testBitZero()) return false;
        return point.getAffineXCoord().toBigInteger().equals(r);
    }

    /** True when the 32 bytes are the x coordinate of a curve point (a usable x-only public key). */
    public static boolean isValidPublicKey(byte[] pubkey) {
        return pubkey.length == 32 && liftX(pubkey) != null;
    }

    /** BIP-340 lift_x: the point with this x and an even y, or null when there is none. */
    static ECPoint liftX(byte[] xBytes) {
        BigInteger x = new BigInteger(1, xBytes);
        if (x.compareTo(P) >= 0) return null;
        ECFieldElement fx = CURVE.fromBigInteger(x);
        ECFieldElement c = fx.square().add(CURVE.getA()).multiply(fx).add(CURVE.getB());
        ECFieldElement y = c.sqrt();
        if (y == null) return null;
        if (y.testBitZero()) y = y.negate();
        return CURVE.createPoint(x, y.toBigInteger());
    }

    /** hash_tag(x) = SHA256(SHA256(tag) || SHA256(tag) || x). */
    public static byte[] taggedHash(String tag, byte[]... parts) {
        MessageDigest sha = sha256();
        byte[] tagHash = sha.digest(tag.getBytes(StandardCharsets.UTF_8));
        sha.update(tagHash);
        sha.update(tagHash);
        for (byte[] part : parts) sha.update(part);
        return sha.digest();
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
