package groupchat.nostr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.NostrSigner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BIP-340 against the official test vectors (bitcoin/bips, bip-0340/test-vectors.csv). */
class SchnorrTest {
    private static final HexFormat HEX = HexFormat.of();

    record Vector(int index, String secretKey, String publicKey, String auxRand, String message, String signature,
                  boolean valid, String comment) {}

    static List<Vector> vectors() throws IOException {
        try (InputStream in = SchnorrTest.class.getResourceAsStream("/nostr/bip340-test-vectors.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .filter(l -> !l.isBlank()).toList();
            return lines.stream().map(line -> {
                String[] f = line.split(",", -1);
                return new Vector(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], f[5],
                        f[6].equals("TRUE"), f[7]);
            }).toList();
        }
    }

    @Test
    void everyOfficialVectorVerifiesAsExpected() throws IOException {
        List<Vector> vectors = vectors();
        assertEquals(15, vectors.size());
        int valid = 0;
        for (Vector v : vectors) {
            boolean result = Schnorr.verify(HEX.parseHex(v.publicKey().toLowerCase()), HEX.parseHex(v.message()),
                    HEX.parseHex(v.signature()));
            assertEquals(v.valid(), result, "vector " + v.index() + " " + v.comment());
            if (result) valid++;
        }
        assertEquals(5, valid);
    }

    @Test
    void testSignerReproducesTheOfficialSignatures() throws IOException {
        int signed = 0;
        for (Vector v : vectors()) {
            if (v.secretKey().isEmpty()) continue;
            NostrSigner signer = NostrSigner.fromSecretHex(v.secretKey());
            assertEquals(v.publicKey().toLowerCase(), signer.pubkeyHex(), "vector " + v.index());
            byte[] sig = signer.sign(HEX.parseHex(v.message()), HEX.parseHex(v.auxRand()));
            assertArrayEquals(HEX.parseHex(v.signature()), sig, "vector " + v.index());
            signed++;
        }
        assertEquals(4, signed);
    }

    @Test
    void verificationRejectsAnyChangedByte() {
        NostrSigner signer = NostrSigner.generate();
        byte[] message = HEX.parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        byte[] sig = signer.sign(message, new byte[32]);
        byte[] pubkey = HEX.parseHex(signer.pubkeyHex());
        assertTrue(Schnorr.verify(pubkey, message, sig));
        for (int i = 0; i < 64; i += 7) {
            byte[] bad = sig.clone();
            bad[i] ^= 1;
            assertFalse(Schnorr.verify(pubkey, message, bad), "sig byte " + i);
        }
        byte[] otherMessage = message.clone();
        otherMessage[31] ^= 1;
        assertFalse(Schnorr.verify(pubkey, otherMessage, sig));
        assertFalse(Schnorr.verify(HEX.parseHex(NostrSigner.generate().pubkeyHex()), message, sig));
        assertFalse(Schnorr.verify(new byte[31], message, sig));
        assertFalse(Schnorr.verify(pubkey, message, new byte[63]));
    }

    @Test
    void liftXGivesTheEvenPointOrNothing() {
        // x = 0 is not on secp256k1 (0 + 7 is not a square), the field size itself is out of range.
        assertFalse(Schnorr.isValidPublicKey(new byte[32]));
        assertFalse(Schnorr.isValidPublicKey(
                HEX.parseHex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")));
        var point = Schnorr.liftX(HEX.parseHex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"));
        assertFalse(point.getAffineYCoord().testBitZero());
        assertTrue(point.isValid());
    }
}
