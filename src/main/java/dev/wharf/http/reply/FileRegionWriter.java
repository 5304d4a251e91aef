package dev.wharf.http.reply;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Blocker;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a region of a file as the response body through one large direct buffer: each step is one {@code pread}
 * into the buffer and one socket write from it, so a blob streams at memory speed with few system calls (Jetty's
 * {@code Content.Source.from(Path)} reads in small pooled buffers, which made pulls several times slower than
 * Distribution's). Handlers run on virtual threads, so waiting for each write parks the virtual thread only.
 * Buffers are reused; memory per download is one buffer whatever the blob size, and at most {@link #MAX_BUFFERS}
 * exist (the direct memory limit is small): further concurrent downloads stream through Jetty's own file source.
 */
final class FileRegionWriter {
    static final int BUFFER = 1 << 20;
    private static final int MAX_IDLE = 8;
    static final int MAX_BUFFERS = 16;
    private static final AtomicInteger IN_USE = new AtomicInteger();
    private static final ConcurrentLinkedQueue<ByteBuffer> IDLE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger IDLE_COUNT = new AtomicInteger();

    private FileRegionWriter() {
    }

    /** Writes {@code length} bytes of {@code file} from {@code offset} as the last content, then completes. */
    static void write(Path file, long offset, long length, Response response, Callback callback) {
        ByteBuffer buffer = acquire();
        if (buffer == null) {
            Content.copy(Content.Source.from(file, offset, length), response, callback);
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = offset;
            long end = offset + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        throw new EOFException("blob file ended before its recorded size");
                    }
                    position += n;
                }
                try (Blocker.Callback written = Blocker.callback()) {
                    response.write(position >= end, buffer.flip(), written);
                    written.block();
                }
            }
        } catch (Throwable e) {
            release(buffer);
            callback.failed(e);
            return;
        }
        release(buffer);
        callback.succeeded();
    }

    private static ByteBuffer acquire() {
        if (IN_USE.incrementAndGet() > MAX_BUFFERS) {
            IN_USE.decrementAndGet();
            return null;
        }
        ByteBuffer b = IDLE.poll();
        if (b != null) {
            IDLE_COUNT.decrementAndGet();
            return b;
        }
        return ByteBuffer.allocateDirect(BUFFER);
    }

    private static void release(ByteBuffer b) {
        IN_USE.decrementAndGet();
        if (IDLE_COUNT.incrementAndGet() <= MAX_IDLE) {
            IDLE.offer(b);
        } else {
            IDLE_COUNT.decrementAndGet();
        }
    }
}
