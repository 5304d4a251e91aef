package dev.wharf.http.listen;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request line and headers take longer than the header timeout to arrive. The idle
 * timeout alone does not: a client trickling a header byte every few seconds is never idle, and would hold its
 * connection (and a slot under the connection cap) for as long as it likes. Armed when the connection opens and
 * when a later request's first byte arrives; disarmed once the headers are complete, so bodies are left to the idle
 * timeout, which never cuts a body whose bytes keep flowing.
 */
final class HeaderDeadline {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);
    private static final Set<HttpParser.State> READING_HEADERS = EnumSet.of(HttpParser.State.METHOD,
            HttpParser.State.SPACE1, HttpParser.State.URI, HttpParser.State.SPACE2, HttpParser.State.REQUEST_VERSION,
            HttpParser.State.PROXY, HttpParser.State.HEADER);

    private final Scheduler scheduler;
    private final long timeoutMillis;
    private final EndPoint endPoint;
    private Scheduler.Task pending;
    private long armings;

    HeaderDeadline(Scheduler scheduler, long timeoutMillis, EndPoint endPoint) {
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
        this.endPoint = endPoint;
    }

    /** The parser moved to {@code state}: the deadline runs while it reads a request line or headers. */
    void parsing(HttpParser.State state) {
        if (READING_HEADERS.contains(state)) {
            arm();
        } else {
            disarm();
        }
    }

    synchronized void arm() {
        if (pending == null) {
            long arming = ++armings;
            pending = scheduler.schedule(() -> expire(arming), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void disarm() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private void expire(long arming) {
        synchronized (this) {
            if (pending == null || arming != armings) {
                return; // disarmed (and maybe armed again) after this run was scheduled
            }
            pending = null;
        }
        log.debug("closing {}: request headers not complete within {} ms", endPoint.getRemoteSocketAddress(),
                timeoutMillis);
        endPoint.close();
    }
}
