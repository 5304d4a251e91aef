package dev.wharf.http.auth;

import org.eclipse.jetty.server.Request;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The client's IP address as the socket saw it (proxy headers are not trusted: they are client-controlled). */
public final class RemoteAddress {
    private RemoteAddress() {
    }

    public static String of(Request request) {
        SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }
}
