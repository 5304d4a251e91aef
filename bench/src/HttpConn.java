import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal keep-alive HTTP/1.1 client on a plain socket: the cheapest client we can write, so the load driver
 * measures the servers rather than itself. Reconnects when the server closes the connection.
 */
final class HttpConn implements Closeable {
    /** A response; {@code body} is null unless it was asked for, {@code bodyLength} always counts what was read. */
    record Resp(int status, Map<String, String> headers, byte[] body, long bodyLength) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A request body written straight to the socket. */
    interface Body {
        long length();

        void writeTo(OutputStream out) throws IOException;
    }

    static Body bytes(byte[] b) {
        return new Body() {
            public long length() {
                return b.length;
            }

            public void writeTo(OutputStream out) throws IOException {
                out.write(b);
            }
        };
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private final byte[] drain = new byte[1 << 20];

    HttpConn(String host, int port) {
        this.host = host;
        this.port = port;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(120_000);
        in = socket.getInputStream();
        pos = lim = 0;
        out = socket.getOutputStream();
    }

    Resp request(String method, String path, Body body, boolean keepBody, String... headers) throws IOException {
        if (socket == null) {
            connect();
        }
        StringBuilder sb = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (body != null || "PUT".equals(method) || "POST".equals(method) || "PATCH".equals(method)) {
            sb.append("Content-Length: ").append(body == null ? 0 : body.length()).append("\r\n");
        }
        byte[] head = sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body != null && body.length() <= 64 * 1024) { // one write: no Nagle/delayed-ACK stall for small bodies
            ByteArrayOutputStream buf = new ByteArrayOutputStream(head.length + (int) body.length());
            buf.write(head);
            body.writeTo(buf);
            out.write(buf.toByteArray());
        } else {
            out.write(head);
            if (body != null) {
                body.writeTo(out);
            }
        }
        out.flush();
        return readResponse(method, keepBody);
    }

    private Resp readResponse(String method, boolean keepBody) throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before the response");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        for (String l; !(l = line()).isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(), l.substring(colon + 1).trim());
        }
        ByteArrayOutputStream kept = keepBody ? new ByteArrayOutputStream() : null;
        long read = 0;
        boolean noBody = "HEAD".equals(method) || code == 204 || code == 304 || code / 100 == 1;
        if (!noBody) {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    read += copy(size, kept);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (headers.containsKey("content-length")) {
                read = copy(Long.parseLong(headers.get("content-length")), kept);
            } else {
                read = copy(Long.MAX_VALUE, kept);
                headers.put("connection", "close");
            }
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Resp(code, headers, kept == null ? null : kept.toByteArray(), read);
    }

    private long copy(long n, ByteArrayOutputStream kept) throws IOException {
        long done = 0;
        while (done < n) {
            int r;
            if (pos < lim) { // what the header read buffered first
                r = (int) Math.min(lim - pos, n - done);
                if (kept != null) {
                    kept.write(buf, pos, r);
                }
                pos += r;
                done += r;
                continue;
            }
            r = in.read(drain, 0, (int) Math.min(drain.length, n - done));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    break;
                }
                throw new IOException("body ended after " + done + " of " + n + " bytes");
            }
            if (kept != null) {
                kept.write(drain, 0, r);
            }
            done += r;
        }
        return done;
    }

    private String line() throws IOException {
        StringBuilder sb = null;
        while (true) {
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    if (sb == null) {
                        return part;
                    }
                    sb.append(part);
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
            }
            if (lim > pos) {
                (sb == null ? sb = new StringBuilder() : sb).append(new String(buf, pos, lim - pos, StandardCharsets.ISO_8859_1));
            }
            pos = 0;
            lim = Math.max(0, in.read(buf, 0, buf.length));
            if (lim == 0) {
                return sb == null ? null : sb.toString();
            }
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
