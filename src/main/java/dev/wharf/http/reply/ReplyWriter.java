package dev.wharf.http.reply;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Writes a {@link Reply} to a Jetty response and completes the callback; bodies are omitted for HEAD. */
public final class ReplyWriter {
    private static final int CHANNEL_BUFFER = 128 * 1024;

    private ReplyWriter() {
    }

    public static void write(Request request, Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        var headers = response.getHeaders();
        reply.headers().forEach(headers::put);
        if (UnreadBody.mustCloseAfter(request, reply.status())) {
            headers.put(HttpHeader.CONNECTION, "close");
        }
        Reply.Body body = reply.body();
        boolean noBody = reply.status() == 204 || reply.status() == 304;
        if (!noBody) {
            headers.put(HttpHeader.CONTENT_LENGTH, body.length());
        }
        if ("HEAD".equals(request.getMethod()) || noBody || body.length() == 0) {
            closeQuietly(body);
            response.write(true, null, callback);
            return;
        }
        switch (body) {
            case Reply.Bytes b -> response.write(true, ByteBuffer.wrap(b.bytes()), callback);
            case Reply.FileRegion f -> FileRegionWriter.write(f.file(), f.offset(), f.length(), response, callback);
            case Reply.ChannelRegion c -> {
                ByteBufferPool.Sized pool = new ByteBufferPool.Sized(
                        request.getComponents().getByteBufferPool(), false, CHANNEL_BUFFER);
                Content.copy(Content.Source.from(pool, c.channel(), c.offset(), c.length()), response,
                        Callback.from(callback, () -> closeQuietly(c)));
            }
            case Reply.Empty e -> response.write(true, null, callback);
            case Reply.Announced a -> response.write(true, null, callback);
        }
    }

    private static void closeQuietly(Reply.Body body) {
        if (body instanceof Reply.ChannelRegion c) {
            try {
                c.channel().close();
            } catch (IOException ignored) {
                // nothing useful to do: the response is already decided
            }
        }
    }
}
