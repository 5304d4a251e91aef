package dev.wharf.http.reply;

import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, headers and a body. Handlers build replies; {@link ReplyWriter} alone turns them
 * into bytes on the wire, so HEAD, Content-Length and error handling are done once.
 */
public record Reply(int status, Map<String, String> headers, Body body) {

    /** A response body: none, bytes in memory, a region of a local file, or a region of a channel. */
    public sealed interface Body {
        /** Number of bytes the body has; {@code Content-Length}. */
        long length();
    }

    public record Empty() implements Body {
        @Override
        public long length() {
            return 0;
        }
    }

    public record Bytes(byte[] bytes) implements Body {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    public record FileRegion(Path file, long offset, long length) implements Body {
    }

    /** A length announced in {@code Content-Length} with no bytes sent: the answer to HEAD. */
    public record Announced(long length) implements Body {
    }

    /** A channel region; the writer closes the channel when done. */
    public record ChannelRegion(SeekableByteChannel channel, long offset, long length) implements Body {
    }

    public static Reply status(int status) {
        return new Reply(status, new LinkedHashMap<>(), new Empty());
    }

    public static Reply bytes(int status, String contentType, byte[] bytes) {
        Reply r = new Reply(status, new LinkedHashMap<>(), new Bytes(bytes));
        return r.header("Content-Type", contentType);
    }

    public static Reply json(int status, String json) {
        return bytes(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Reply withBody(Body newBody) {
        return new Reply(status, headers, newBody);
    }
}
