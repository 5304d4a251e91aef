package dev.wharf.storage.fs;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reusable I/O buffers for streaming uploads. Each {@link Buf} pairs a heap array (what {@code InputStream} and
 * {@code MessageDigest} want) with a direct buffer of the same size (what {@code FileChannel} writes without a
 * hidden temporary copy), so memory per in-flight upload is fixed and known: two buffers of {@link #bufferSize}.
 * At most {@code maxIdle} buffers are kept between requests; the rest are left to the collector.
 */
final class BufferPool {
    /** A pair of equally sized buffers; owned by one request between acquire and release. */
    record Buf(byte[] array, ByteBuffer direct) {
    }

    private final int bufferSize;
    private final int maxIdle;
    private final ConcurrentLinkedQueue<Buf> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    BufferPool(int bufferSize, int maxIdle) {
        if (bufferSize <= 0 || maxIdle < 0) {
            throw new IllegalArgumentException("bufferSize must be positive and maxIdle non-negative");
        }
        this.bufferSize = bufferSize;
        this.maxIdle = maxIdle;
    }

    int bufferSize() {
        return bufferSize;
    }

    Buf acquire() {
        Buf buf = idle.poll();
        if (buf != null) {
            idleCount.decrementAndGet();
            buf.direct().clear();
            return buf;
        }
        return new Buf(new byte[bufferSize], ByteBuffer.allocateDirect(bufferSize));
    }

    void release(Buf buf) {
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offer(buf);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** Buffers currently kept for reuse (for tests). */
    int idle() {
        return idleCount.get();
    }
}
