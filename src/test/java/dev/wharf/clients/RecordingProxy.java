package dev.wharf.clients;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of Wharf that forwards bytes unchanged and, on the side, parses the HTTP/1.1
 * exchanges passing through, so a test can assert on what a client asked (for example a cross-repository mount)
 * and a failure can show the exact requests and responses. Parsing never affects forwarding: an unparseable
 * stream (such as a TLS hello sent to this plain-HTTP port) is forwarded and simply not recorded.
 */
final class RecordingProxy implements AutoCloseable {
    /** One request and its response; {@code errorBody} holds up to 4 KiB of the body of 4xx/5xx responses. */
    record Exchange(String method, String target, Map<String, String> requestHeaders, int status,
                    Map<String, String> responseHeaders, String errorBody) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" -> ").append(status);
            for (String h : new String[]{"content-type", "accept", "content-length", "content-range", "range"}) {
                if (requestHeaders.containsKey(h)) {
                    sb.append("\n    > ").append(h).append(": ").append(requestHeaders.get(h));
                }
            }
            for (String h : new String[]{"content-type", "content-length", "docker-content-digest", "location", "range"}) {
                if (responseHeaders.containsKey(h)) {
                    sb.append("\n    < ").append(h).append(": ").append(responseHeaders.get(h));
                }
            }
            if (errorBody != null && !errorBody.isEmpty()) {
                sb.append("\n    < body: ").append(errorBody);
            }
            return sb.toString();
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean closed;

    private RecordingProxy(ServerSocket server, InetSocketAddress upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    static RecordingProxy start(String upstreamHostPort) throws IOException {
        int colon = upstreamHostPort.lastIndexOf(':');
        InetSocketAddress up = new InetSocketAddress(upstreamHostPort.substring(0, colon),
                Integer.parseInt(upstreamHostPort.substring(colon + 1)));
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RecordingProxy proxy = new RecordingProxy(ss, up);
        Thread.ofVirtual().name("recording-proxy-accept").start(proxy::acceptLoop);
        return proxy;
    }

    String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    List<Exchange> exchanges() {
        awaitParsed();
        return List.copyOf(exchanges);
    }

    void clear() {
        awaitParsed();
        exchanges.clear();
    }

    /** All exchanges so far, one per line, for assertion messages. */
    String transcript() {
        StringBuilder sb = new StringBuilder("HTTP exchanges seen by the proxy:\n");
        exchanges().forEach(e -> sb.append("  ").append(e).append('\n'));
        return sb.toString();
    }

    /** Waits (at most 5 s) until the parsers have caught up with every byte forwarded so far. */
    private void awaitParsed() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            boolean idle;
            synchronized (connections) {
                idle = connections.stream().allMatch(Connection::parsed);
            }
            if (idle) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket up = new Socket();
                up.connect(upstream, 10_000);
                Connection c = new Connection(client, up);
                synchronized (connections) {
                    connections.add(c);
                }
                c.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (connections) {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** A byte stream fed by a pump, read by a parser; counts what the parser has consumed. */
    private static final class Tap extends InputStream {
        private static final byte[] EOF = new byte[0];
        private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private final AtomicLong fed = new AtomicLong();
        private final AtomicLong consumed = new AtomicLong();
        private volatile long settled;
        private volatile boolean done;
        private byte[] current = new byte[0];
        private int pos;

        void feed(byte[] b, int n) {
            fed.addAndGet(n);
            queue.add(java.util.Arrays.copyOf(b, n));
        }

        void end() {
            queue.add(EOF);
        }

        /** True when the parser stopped, or has consumed and recorded every fed byte. */
        boolean parsed() {
            return done || settled == fed.get();
        }

        /** Called by the parser once a whole message is consumed and recorded. */
        void settle() {
            settled = consumed.get();
        }

        void finish() {
            done = true;
        }

        @Override
        public int read() throws IOException {
            while (pos >= current.length) {
                if (current == EOF) {
                    return -1;
                }
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                pos = 0;
            }
            consumed.incrementAndGet();
            return current[pos++] & 0xff;
        }
    }

    private record Request(String method, String target, Map<String, String> headers) {
    }

    /** Queued when the request parser stops: the responses that follow cannot be paired, so stop too. */
    private static final Request NO_MORE = new Request("", "", Map.of());

    private final class Connection {
        private final Socket client;
        private final Socket up;
        private final Tap requests = new Tap();
        private final Tap responses = new Tap();
        private final BlockingQueue<Request> pending = new LinkedBlockingQueue<>();

        Connection(Socket client, Socket up) {
            this.client = client;
            this.up = up;
        }

        boolean parsed() {
            return requests.parsed() && responses.parsed();
        }

        void start() {
            Thread.ofVirtual().start(() -> pump(client, up, requests));
            Thread.ofVirtual().start(() -> pump(up, client, responses));
            Thread.ofVirtual().start(this::parseRequests);
            Thread.ofVirtual().start(this::parseResponses);
        }

        void close() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing
            }
            try {
                up.close();
            } catch (IOException ignored) {
                // closing
            }
        }

        private void pump(Socket from, Socket to, Tap tap) {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    tap.feed(buf, n);
                    out.write(buf, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                close();
            } finally {
                tap.end();
            }
        }

        private void parseRequests() {
            try {
                while (true) {
                    List<String> head = readHead(requests);
                    if (head == null) {
                        return;
                    }
                    String[] line = head.get(0).split(" ", 3);
                    if (line.length != 3 || !line[2].startsWith("HTTP/")) {
                        return; // not HTTP (e.g. a TLS hello): forward only
                    }
                    Map<String, String> headers = headers(head);
                    pending.add(new Request(line[0], line[1], headers));
                    readBody(requests, headers, false, line[0], null);
                    requests.settle();
                }
            } catch (IOException | RuntimeException e) {
                // stop recording this connection; forwarding goes on
            } finally {
                requests.finish();
                pending.add(NO_MORE);
            }
        }

        private void parseResponses() {
            try {
                while (true) {
                    List<String> head = readHead(responses);
                    if (head == null) {
                        return;
                    }
                    String[] line = head.get(0).split(" ", 3);
                    if (line.length < 2 || !line[0].startsWith("HTTP/")) {
                        return;
                    }
                    int status = Integer.parseInt(line[1]);
                    if (status >= 100 && status < 200) {
                        responses.settle();
                        continue; // 100 Continue: the final response follows
                    }
                    Request req = pending.poll(30, TimeUnit.SECONDS);
                    if (req == null || req == NO_MORE) {
                        return;
                    }
                    Map<String, String> headers = headers(head);
                    ByteArrayOutputStream body = status >= 400 ? new ByteArrayOutputStream() : null;
                    boolean noBody = req.method().equals("HEAD") || status == 204 || status == 304;
                    if (!noBody) {
                        readBody(responses, headers, true, req.method(), body);
                    }
                    String errorBody = body == null ? null
                            : new String(body.toByteArray(), 0, Math.min(body.size(), 4096), StandardCharsets.UTF_8);
                    exchanges.add(new Exchange(req.method(), req.target(), req.headers(), status, headers, errorBody));
                    responses.settle();
                }
            } catch (IOException | RuntimeException e) {
                // stop recording
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                responses.finish();
            }
        }
    }

    /** Reads header lines up to the blank line; null at a clean end of stream. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (lines.isEmpty() && line.size() == 0) {
                    return null;
                }
                throw new IOException("truncated head");
            }
            if (++total > 64 * 1024) {
                throw new IOException("head too large");
            }
            if (lines.isEmpty() && line.size() == 0 && b != '\r' && b != '\n' && (b < 'A' || b > 'Z')) {
                throw new IOException("not HTTP/1.x"); // e.g. a TLS hello: forwarded, not parsed
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
                line.reset();
                if (s.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue;
                    }
                    return lines;
                }
                lines.add(s);
            } else {
                line.write(b);
            }
        }
    }

    private static Map<String, String> headers(List<String> head) {
        Map<String, String> h = new HashMap<>();
        for (String l : head.subList(1, head.size())) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                h.merge(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        return h;
    }

    private static void readBody(InputStream in, Map<String, String> headers, boolean untilEofIfUnframed,
                                 String method, ByteArrayOutputStream keep) throws IOException {
        String te = headers.getOrDefault("transfer-encoding", "");
        if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String sizeLine = readLine(in);
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailers
                    }
                    return;
                }
                copy(in, size, keep);
                readLine(in);
            }
        }
        String cl = headers.get("content-length");
        if (cl != null) {
            copy(in, Long.parseLong(cl.split(",")[0].trim()), keep);
        } else if (untilEofIfUnframed) {
            copy(in, Long.MAX_VALUE, keep);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0) {
            throw new IOException("truncated chunked body");
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static void copy(InputStream in, long n, ByteArrayOutputStream keep) throws IOException {
        for (long i = 0; i < n; i++) {
            int b = in.read();
            if (b < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("truncated body");
            }
            if (keep != null && keep.size() < 4096) {
                keep.write(b);
            }
        }
    }
}
