package groupchat.nostr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import groupchat.testsupport.NostrSigner;
import groupchat.web.ApiError;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class Bech32Test {
    // The example pair in NIP-19.
    private static final String NIP19_HEX = "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e";
    private static final String NIP19_NPUB = "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg";

    @Test
    void npubOfTheNip19ExampleMatches() {
        assertEquals(NIP19_NPUB, Pubkeys.toNpub(NIP19_HEX));
        assertEquals(NIP19_HEX, HexFormat.of().formatHex(Pubkeys.fromNpub(NIP19_NPUB)));
        assertEquals(NIP19_HEX, Pubkeys.parse("pubkey", NIP19_NPUB));
        assertEquals(NIP19_HEX, Pubkeys.parse("pubkey", NIP19_NPUB.toUpperCase(Locale.ROOT)));
        assertEquals(NIP19_HEX, Pubkeys.parse("pubkey", NIP19_HEX.toUpperCase(Locale.ROOT)));
    }

    @Test
    void npubRoundTrips() {
        for (int i = 0; i < 20; i++) {
            String hex = NostrSigner.generate().pubkeyHex();
            String npub = Pubkeys.toNpub(hex);
            assertEquals(63, npub.length());
            assertEquals(hex, Pubkeys.parse("pubkey", npub));
        }
    }

    @Test
    void badChecksumIsRefused() {
        char last = NIP19_NPUB.charAt(NIP19_NPUB.length() - 1);
        String changed = NIP19_NPUB.substring(0, NIP19_NPUB.length() - 1) + (last == 'q' ? 'p' : 'q');
        assertEquals("bad checksum", assertThrows(IllegalArgumentException.class,
                () -> Pubkeys.fromNpub(changed)).getMessage());
        // A swapped pair of data characters is caught too.
        String swapped = NIP19_NPUB.substring(0, 10) + NIP19_NPUB.charAt(11) + NIP19_NPUB.charAt(10)
                + NIP19_NPUB.substring(12);
        assertThrows(IllegalArgumentException.class, () -> Pubkeys.fromNpub(swapped));
    }

    @Test
    void wrongPrefixIsRefused() {
        byte[] key = HexFormat.of().parseHex(NIP19_HEX);
        String nsecShaped = Bech32.encode("nsec", key);
        assertEquals("not an npub", assertThrows(IllegalArgumentException.class,
                () -> Pubkeys.fromNpub(nsecShaped)).getMessage());
        assertArrayEquals(key, Bech32.decode(nsecShaped).data());
        String note = Bech32.encode("note", key);
        ApiError error = assertThrows(ApiError.class, () -> Pubkeys.parse("pubkey", note));
        assertEquals(400, error.status());
    }

    @Test
    void badCharactersAndShapesAreRefused() {
        // 'b', 'i', 'o' and '1' after the separator are not in the bech32 alphabet.
        String withB = NIP19_NPUB.substring(0, 20) + "b" + NIP19_NPUB.substring(21);
        assertEquals("invalid character", assertThrows(IllegalArgumentException.class,
                () -> Pubkeys.fromNpub(withB)).getMessage());
        String mixed = "N" + NIP19_NPUB.substring(1);
        assertEquals("mixed case", assertThrows(IllegalArgumentException.class,
                () -> Pubkeys.fromNpub(mixed)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pubkeys.fromNpub("npub1"));
        assertThrows(IllegalArgumentException.class, () -> Pubkeys.fromNpub(NIP19_NPUB + " x"));
        String shortKey = Bech32.encode("npub", new byte[31]);
        assertEquals("wrong key length", assertThrows(IllegalArgumentException.class,
                () -> Pubkeys.fromNpub(shortKey)).getMessage());
        for (String bad : new String[] {"", "abc", NIP19_HEX.substring(1), NIP19_HEX + "0", "g".repeat(64)}) {
            assertEquals(400, assertThrows(ApiError.class, () -> Pubkeys.parse("pubkey", bad)).status(), bad);
        }
    }
}
