package dev.wharf.http.reply;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A request refused before its body was read (a push over quota, an unknown upload, a caller without access)
 * leaves that body on the connection. The body is read and dropped before the answer, so the client reads the error
 * and may reuse the connection: closing a socket with unread bytes makes the kernel send a reset, and a client still
 * sending then loses the answer and reports a broken pipe instead of the error. Like a web server's lingering close,
 * the draining is bounded in time ({@link #LINGER}) and bytes ({@link #DRAIN_LIMIT}); a body still arriving past either
 * gets {@code Connection: close} rather than let a client send its next request on a connection that is going away.
 */
public final class UnreadBody {
    static final long DRAIN_LIMIT = 1L << 30;
    static final Duration LINGER = Duration.ofSeconds(5);

    private UnreadBody() {
    }

    /**
     * Before an error answer on any surface (data plane, management API, UI): drops what is left of the request's
     * body; true when the connection must close because the body is still arriving past the bounds. A body already
     * read costs nothing.
     */
    public static boolean mustCloseAfter(Request request, int status) {
        return status >= 400 && declared(request) && !drain(request);
    }

    static boolean declared(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** True when the body was read to its end (within the bounds), so the connection can carry another request. */
    static boolean drain(Request request) {
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        long deadline = System.nanoTime() + LINGER.toNanos();
        try (InputStream in = Content.Source.asInputStream(request)) {
            for (int n; (n = in.read(sink)) >= 0; ) {
                total += n;
                if (total > DRAIN_LIMIT || System.nanoTime() - deadline > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
