package dev.wharf.storage.fs;

import dev.wharf.oci.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How full the filesystem of a store is. A write failing with ENOSPC (or EDQUOT) becomes STORAGE_FULL here, at the
 * storage seam, and is remembered: readiness reports the storage full until a later write succeeds, or for
 * {@link #REMEMBER_FULL} at most (a probe must not stay failed forever once no traffic comes). Free space below
 * {@code minFreeBytes} is reported full too, before writes start failing.
 */
final class DiskSpace {
    private static final Logger log = LoggerFactory.getLogger(DiskSpace.class);
    static final Duration REMEMBER_FULL = Duration.ofMinutes(1);
    /** What the JDK puts in the message of an IOException for ENOSPC and EDQUOT (strerror on Linux and macOS). */
    private static final String[] FULL_MESSAGES = {"No space left on device", "Disk quota exceeded"};

    private final Path root;
    private final long minFreeBytes;
    private final LongSupplier nanoTime;
    private volatile boolean full;
    private volatile long fullAtNanos;

    DiskSpace(Path root, long minFreeBytes, LongSupplier nanoTime) {
        this.root = root;
        this.minFreeBytes = minFreeBytes;
        this.nanoTime = nanoTime;
    }

    /** Bytes a write may still use on the store's filesystem. */
    long freeBytes() throws IOException {
        FileStore store = Files.getFileStore(root);
        return store.getUsableSpace();
    }

    /** A write that needed space succeeded: the disk is not full (any more). */
    void wrote() {
        full = false;
    }

    /**
     * Throws STORAGE_FULL (507) when {@code failure} says the disk is full, remembering it; returns otherwise, and the
     * caller rethrows {@code failure} as it is.
     */
    void throwIfFull(IOException failure) {
        if (!isFull(failure)) {
            return;
        }
        fullAtNanos = nanoTime.getAsLong();
        if (!full) {
            log.warn("storage under {} is full; pushes fail until space is freed: {}", root, failure.getMessage());
        }
        full = true;
        throw ErrorCode.STORAGE_FULL.exception("storage is full: no space left on the registry's disk;"
                + " pulls still work, pushes fail until space is freed", Map.of("freeBytes", freeOrUnknown()));
    }

    /** For /ready: fails naming the reason while the disk is, or recently was, full. */
    void check() throws IOException {
        long now = nanoTime.getAsLong();
        if (full && now - fullAtNanos < REMEMBER_FULL.toNanos()) {
            throw new IOException("storage is full: a write failed with no space left on device "
                    + TimeUnit.NANOSECONDS.toSeconds(now - fullAtNanos) + " s ago");
        }
        long free = freeBytes();
        if (free < minFreeBytes) {
            throw new IOException("storage is full: " + free + " bytes free, below the minimum of " + minFreeBytes
                    + " (WHARF_STORAGE_MINFREE)");
        }
    }

    private long freeOrUnknown() {
        try {
            return freeBytes();
        } catch (IOException e) {
            return -1;
        }
    }

    static boolean isFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof IOException && message != null) {
                for (String full : FULL_MESSAGES) {
                    if (message.contains(full)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
