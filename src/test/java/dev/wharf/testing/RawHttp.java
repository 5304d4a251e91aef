package dev.wharf.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** One raw HTTP/1.1 connection to a loopback port, for tests of what happens on the wire (timeouts, limits). */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response (status line, headers, a Content-Length body) and returns its status line. */
    public String readResponse(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        String head = readHead();
        long length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        in.readNBytes((int) length);
        return head.substring(0, head.indexOf("\r\n"));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes of a response");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when nothing arrives within {@code wait} (the connection is open but not answered). */
    public boolean silentFor(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            in.read(); // an answer, or the end of the connection
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /**
     * Waits up to {@code bound} for the server to close the connection, calling {@code meanwhile} (a trickle of
     * bytes, say) every {@code step}; true when it closed. Anything the server sends before closing is skipped.
     */
    public boolean closedWithin(Duration bound, Duration step, IoStep meanwhile) throws IOException {
        socket.setSoTimeout((int) step.toMillis());
        long steps = Math.max(1, bound.toMillis() / step.toMillis());
        for (long i = 0; i < steps; i++) {
            try {
                if (in.read() < 0) {
                    return true;
                }
                continue;
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                return true; // reset
            }
            try {
                meanwhile.run();
            } catch (IOException e) {
                return true; // broken pipe: closed by the server
            }
        }
        return false;
    }

    @FunctionalInterface
    public interface IoStep {
        void run() throws IOException;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
