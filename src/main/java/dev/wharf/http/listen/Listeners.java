package dev.wharf.http.listen;

import dev.wharf.config.WharfConfig;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.util.function.Function;

/**
 * Opens Wharf's listeners (the main port, the management API's) with the same connection settings: HTTP/1 request
 * headers due within the header timeout ({@link HeaderDeadline}), the idle timeout, and at most
 * {@code maxConnections} open connections per listener (Jetty's {@link NetworkConnectionLimit}: beyond it the
 * listener stops accepting, so new connections wait in the accept backlog until one closes).
 */
public final class Listeners {
    private final Server server;
    private final WharfConfig.Connections settings;

    public Listeners(Server server, WharfConfig.Connections settings) {
        this.server = server;
        this.settings = settings;
    }

    /** The HTTP/1.1 connection factory every listener speaks through (plain, or behind TLS and ALPN). */
    public ConnectionFactory http1(HttpConfiguration http) {
        return new HeaderDeadlineConnectionFactory(http, settings.headerTimeout());
    }

    /** A plain HTTP listener on {@code addr} ({@code host:port}, {@code :port} or {@code [v6]:port}). */
    public ServerConnector plain(String addr, String name, HttpConfiguration http) {
        return open(addr, name, s -> new ServerConnector(s, 1, 1, http1(http)));
    }

    /** A listener built by {@code build} (TLS), with the connection settings applied and added to the server. */
    public ServerConnector open(String addr, String name, Function<Server, ServerConnector> build) {
        ServerConnector connector = build.apply(server);
        connector.setName(name);
        HostPort hp = HostPort.parse(addr);
        connector.setHost(hp.host());
        connector.setPort(hp.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
        return connector;
    }

    /** {@code host:port}, {@code :port} or {@code [v6]:port}; a null host listens on every interface. */
    record HostPort(String host, int port) {
        static HostPort parse(String addr) {
            int colon = addr.lastIndexOf(':');
            String host = colon <= 0 ? null : addr.substring(0, colon);
            if (host != null && host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new HostPort(host, Integer.parseInt(addr.substring(colon + 1)));
        }
    }
}
