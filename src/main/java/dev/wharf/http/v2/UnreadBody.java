package dev.wharf.http.v2;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request refused before its body was read (a push over quota, an unknown upload, a caller without access)
 * leaves that body on the connection. Up to {@link #DRAIN_LIMIT} bytes are read and dropped before the answer, so
 * the client reads the error and may reuse the connection; beyond that the answer says {@code Connection: close}
 * rather than let a client send its next request on a connection that is going away.
 */
final class UnreadBody {
    static final long DRAIN_LIMIT = 8L << 20;

    private UnreadBody() {
    }

    static boolean declared(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** True when the body was read to its end (within the limit), so the connection can carry another request. */
    static boolean drain(Request request) {
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            for (int n; (n = in.read(sink)) >= 0; ) {
                total += n;
                if (total > DRAIN_LIMIT) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
