package dev.wharf.http.listen;

import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.internal.HttpConnection;

/** Jetty's HTTP/1 connection with a {@link HeaderDeadline}: its first request's headers are due from the start. */
final class HeaderDeadlineConnection extends HttpConnection {
    private final HeaderDeadline deadline;

    HeaderDeadlineConnection(HttpConfiguration config, Connector connector, EndPoint endPoint, long headerTimeoutMillis) {
        super(config, connector, endPoint);
        deadline = new HeaderDeadline(connector.getScheduler(), headerTimeoutMillis, endPoint);
        ((HeaderWatchingParser) getParser()).watch(deadline);
    }

    /** Called by the superclass constructor: Jetty's own parser, rebuilt as a watching one on the same handler. */
    @Override
    protected HttpParser newHttpParser(HttpCompliance compliance) {
        HttpParser standard = super.newHttpParser(compliance);
        HttpConfiguration config = getHttpConfiguration();
        HeaderWatchingParser parser = new HeaderWatchingParser((HttpParser.RequestHandler) standard.getHandler(),
                config.getRequestHeaderSize(), compliance);
        parser.setHeaderCacheSize(config.getHeaderCacheSize());
        parser.setHeaderCacheCaseSensitive(config.isHeaderCacheCaseSensitive());
        return parser;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        deadline.arm();
    }

    @Override
    public void onClose(Throwable cause) {
        deadline.disarm();
        super.onClose(cause);
    }
}
