package dev.wharf.app;

import dev.wharf.config.WharfConfig;
import dev.wharf.content.UploadService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The serving node's background work on one daemon thread, until closed: removes abandoned uploads every
 * {@code uploads.purgeInterval}, and delivers committed events the audit log has not taken yet (what a crash or
 * another node's failed delivery left) at start and every 10 s.
 */
final class Maintenance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final ScheduledExecutorService thread;

    private Maintenance(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    static Maintenance start(UploadService uploads, WharfConfig.Uploads config, Runnable deliverEvents) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("wharf-maintenance").unstarted(r));
        long every = Math.max(1, config.purgeInterval().toSeconds());
        thread.scheduleWithFixedDelay(() -> purge(uploads, config), 0, every, TimeUnit.SECONDS);
        thread.scheduleWithFixedDelay(() -> deliver(deliverEvents), 0, 10, TimeUnit.SECONDS);
        return new Maintenance(thread);
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

    private static void deliver(Runnable deliverEvents) {
        try {
            deliverEvents.run();
        } catch (RuntimeException e) {
            log.warn("delivering committed events to the audit log failed; will retry", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
