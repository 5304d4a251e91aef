package dev.wharf.app;

import dev.wharf.config.WharfConfig;
import dev.wharf.registry.UploadService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Removes abandoned uploads every {@code uploads.purgeInterval}, on one daemon thread, until closed. */
final class UploadMaintenance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UploadMaintenance.class);

    private final ScheduledExecutorService thread;

    private UploadMaintenance(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    static UploadMaintenance start(UploadService uploads, WharfConfig.Uploads config) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("wharf-maintenance").unstarted(r));
        long every = Math.max(1, config.purgeInterval().toSeconds());
        thread.scheduleWithFixedDelay(() -> purge(uploads, config), 0, every, TimeUnit.SECONDS);
        return new UploadMaintenance(thread);
    }

    private static void purge(UploadService uploads, WharfConfig.Uploads config) {
        try {
            int n = uploads.purgeIdle(config.expiry());
            if (n > 0) {
                log.info("removed {} abandoned uploads idle for more than {}", n, config.expiry());
            }
        } catch (RuntimeException e) {
            log.warn("upload purge failed; will retry", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
