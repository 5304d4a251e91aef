package dev.wharf.http.listen;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;

import java.time.Duration;

/** Jetty's HTTP/1.1 connection factory, making connections whose request headers are due within a timeout. */
public final class HeaderDeadlineConnectionFactory extends HttpConnectionFactory {
    private final long headerTimeoutMillis;

    public HeaderDeadlineConnectionFactory(HttpConfiguration config, Duration headerTimeout) {
        super(config);
        this.headerTimeoutMillis = Math.max(1, headerTimeout.toMillis());
    }

    /** As {@link HttpConnectionFactory#newConnection}, with the connection class swapped. */
    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HeaderDeadlineConnection connection = new HeaderDeadlineConnection(getHttpConfiguration(), connector, endPoint,
                headerTimeoutMillis);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }
}
