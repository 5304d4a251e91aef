package dev.wharf.gc;

import dev.wharf.meta.GcPolicyStore.ScheduleRow;
import dev.wharf.meta.GcPolicyStore;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.TagGuard;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Retention policies and maintenance windows as stored, validated on the way in. Also the {@link TagGuard} of
 * immutable tags, answered from a copy of the policies refreshed every {@code REFRESH_MILLIS} (and at once after a
 * change through this instance), so a push costs no query.
 */
public final class GcRules implements TagGuard {
    private static final long REFRESH_MILLIS = 2_000;

    private final GcPolicyStore store;
    private final Clock clock;
    private volatile List<RetentionPolicy> cached = List.of();
    private volatile long loadedAt;
    private volatile boolean stale = true;

    GcRules(GcPolicyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<RetentionPolicy> policies() {
        return store.policies().stream().map(RetentionPolicy::of).toList();
    }

    public void putPolicy(RetentionPolicy policy) {
        store.putPolicy(policy.row(clock.millis()));
        stale = true;
    }

    public boolean deletePolicy(String registry, String repositories) {
        boolean deleted = store.deletePolicy(registry, repositories);
        stale = true;
        return deleted;
    }

    @Override
    public boolean immutable(RepositoryName repo, String tag) {
        long now = clock.millis();
        if (stale || now - loadedAt > REFRESH_MILLIS || now < loadedAt) {
            stale = false;
            cached = policies();
            loadedAt = now;
        }
        return RetentionSweep.applicable(cached, repo).map(p -> p.immutable(tag)).orElse(false);
    }

    /** A maintenance window: garbage collection of {@code registry} ("" = whole instance) of {@code type}. */
    public record Schedule(String registry, boolean enabled, Cron cron, ZoneId zone, GcControl.Type type,
                           Long lastWindow, String lastRun) {
    }

    public List<Schedule> schedules() {
        return store.schedules().stream().map(s -> new Schedule(s.registry(), s.enabled(), Cron.parse(s.cron()),
                ZoneId.of(s.timeZone()), GcControl.Type.fromWire(s.type()), s.lastWindow(), s.lastRun())).toList();
    }

    /**
     * Creates or replaces the schedule of {@code registry}. A new schedule first runs at its next window, not for
     * the one already under way; an existing one keeps the window it last ran for.
     */
    public void putSchedule(String registry, boolean enabled, Cron cron, ZoneId zone, GcControl.Type type) {
        if (!registry.isEmpty()) {
            GcService.checkRegistry(registry);
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        Long current = cron.latestAtOrBefore(now, zone).map(t -> t.toInstant().toEpochMilli()).orElse(null);
        store.putSchedule(new ScheduleRow(registry, enabled, cron.toString(), zone.getId(), type.wireName(), current,
                null, clock.millis()));
    }

    public boolean deleteSchedule(String registry) {
        return store.deleteSchedule(registry);
    }
}
