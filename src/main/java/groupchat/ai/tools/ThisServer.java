package groupchat.ai.tools;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * This server's own addresses, which a page fetch must not reach: through them the model could
 * call the server's API from inside (as the server's own IP, past any proxy's limits). Refused:
 * the host named by PUBLIC_URL and whatever it resolves to, and the bound port on the bound
 * address (on any address of this machine when bound to all of them).
 *
 * @param bindHost  BIND_ADDR's host (null: no bound address to refuse)
 * @param bindPort  the port the server listens on (known once it has started)
 * @param publicUrl PUBLIC_URL, or null
 */
public record ThisServer(String bindHost, IntSupplier bindPort, String publicUrl) {

    /** Whether a URL's host is this server's public name. */
    boolean isPublicName(String host) {
        String name = publicHost();
        return name != null && name.equalsIgnoreCase(host);
    }

    /** Why connecting to {@code address}:{@code port} would reach this server, or null. */
    String refusal(InetAddress address, int port, PageFetcher.Resolver resolver) {
        if (port == bindPort.getAsInt() && bindHost != null && isBindAddress(address)) return "this server itself";
        String name = publicHost();
        if (name == null) return null;
        try {
            for (InetAddress own : resolver.resolve(name)) {
                if (own.equals(address)) return "this server itself";
            }
        } catch (UnknownHostException e) {
            // PUBLIC_URL's name does not resolve here: nothing to compare with
        }
        return null;
    }

    private boolean isBindAddress(InetAddress address) {
        try {
            InetAddress bound = InetAddress.getByName(bindHost);
            if (!bound.isAnyLocalAddress()) return bound.equals(address);
            return address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    private String publicHost() {
        if (publicUrl == null) return null;
        String host = URI.create(publicUrl).getHost();
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }
}
