package groupchat.ai.tools;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The page fetcher's only DNS lookup: the HTTP client connects to exactly the addresses vetted
 * here, so a name cannot resolve to a public address for the check and to a private one for
 * the connection (DNS rebinding). Every address of the host must pass, or none is used.
 */
final class VettedResolver implements SocketAddressResolver {
    /** A refusal, carried through the HTTP client to the fetcher as the failure's cause. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final AddressPolicy policy;
    private final PageFetcher.Resolver resolver;
    private final ThisServer server;

    VettedResolver(AddressPolicy policy, PageFetcher.Resolver resolver, ThisServer server) {
        this.policy = policy;
        this.resolver = resolver;
        this.server = server;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        try {
            promise.succeeded(vet(host, port));
        } catch (Refused e) {
            promise.failed(e);
        }
    }

    /** The addresses to connect to; the refusal names the kind of address, never the address. */
    List<InetSocketAddress> vet(String host, int port) throws Refused {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (server.isPublicName(name)) throw new Refused("refused: " + name + " is this server itself");
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new Refused("the host " + name + " could not be resolved");
        }
        if (addresses.length == 0) throw new Refused("the host " + name + " could not be resolved");
        List<InetSocketAddress> vetted = new ArrayList<>();
        for (InetAddress address : addresses) {
            String refusal = policy.refusal(address);
            if (refusal == null) refusal = server.refusal(address, port, resolver);
            if (refusal != null) throw new Refused("refused: " + name + " resolves to " + refusal);
            vetted.add(new InetSocketAddress(address, port));
        }
        return vetted;
    }
}
