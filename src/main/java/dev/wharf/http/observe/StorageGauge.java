package dev.wharf.http.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.Callable;

/**
 * {@code wharf_storage_free_bytes}: the bytes blob storage may still use, read at each scrape, so an alert fires
 * before pushes start failing with 507. NaN when the store cannot tell.
 */
public final class StorageGauge {
    private StorageGauge() {
    }

    public static void register(MeterRegistry registry, Callable<Long> freeBytes) {
        Gauge.builder("wharf.storage.free.bytes", freeBytes, StorageGauge::read)
                .description("Bytes blob storage may still use")
                .strongReference(true)
                .register(registry);
    }

    private static double read(Callable<Long> freeBytes) {
        try {
            long free = freeBytes.call();
            return free < 0 ? Double.NaN : free;
        } catch (Exception e) { // an unreadable filesystem: the readiness check reports why
            return Double.NaN;
        }
    }
}
