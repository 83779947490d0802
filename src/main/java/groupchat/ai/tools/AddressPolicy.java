package groupchat.ai.tools;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses the page fetcher may connect to. The model chooses the URLs, so a page fetch
 * must never reach the server itself or the private network it sits in (SSRF). Production uses
 * {@link #publicOnly()}; only the fetch tests use {@link #publicAndLoopback()} to reach their
 * fake page server on 127.0.0.1.
 */
public final class AddressPolicy {
    private final boolean allowLoopback;

    private AddressPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    public static AddressPolicy publicOnly() {
        return new AddressPolicy(false);
    }

    /** For tests that fetch from a local fake server; every other private range stays refused. */
    public static AddressPolicy publicAndLoopback() {
        return new AddressPolicy(true);
    }

    /** Why the address is refused, or null when it may be used. */
    public String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) return allowLoopback ? null : "a loopback address";
        if (address.isAnyLocalAddress()) return "an unspecified address";
        if (address.isLinkLocalAddress()) return "a link-local address";
        if (address.isSiteLocalAddress()) return "a private address";
        if (address.isMulticastAddress()) return "a multicast address";
        if (address instanceof Inet4Address v4) return refusalV4(v4.getAddress());
        if (address instanceof Inet6Address v6) return refusalV6(v6.getAddress());
        return null;
    }

    private String refusalV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) return "an unspecified address";
        if (first == 100 && second >= 64 && second <= 127) return "a carrier-grade NAT address";
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) return "a reserved address";
        if (first == 198 && (second == 18 || second == 19)) return "a reserved address";
        if (first >= 240) return "a reserved address";
        return null;
    }

    private String refusalV6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) return "a private (unique local) address";
        // IPv4 embedded in IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16): judge the IPv4 inside.
        boolean compatible = true;
        for (int i = 0; i < 12; i++) compatible &= b[i] == 0;
        boolean nat64 = first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (compatible || nat64) return embedded(b, 12);
        if (first == 0x20 && (b[1] & 0xff) == 0x02) return embedded(b, 2);
        return null;
    }

    private String embedded(byte[] b, int offset) {
        try {
            byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
            return refusal(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return "an invalid address";
        }
    }
}
