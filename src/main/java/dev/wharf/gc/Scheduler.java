package dev.wharf.gc;

import dev.wharf.meta.GcPolicyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Starts scheduled runs. On each {@link #tick} every enabled schedule whose latest window (the latest time its cron
 * expression names, at or before now, in its time zone) is newer than the window it last ran for claims that window
 * in the database, then requests its run. The claim is a conditional update, so of several nodes (or a node
 * restarted) only one starts a run per window; a window missed while no node was up is the latest one at the next
 * tick, and runs then. An active run in the scope counts as the window's run.
 */
final class Scheduler {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final GcPolicyStore store;
    private final GcRules rules;
    private final GcService service;
    private final Clock clock;
    private final Predicate<String> registryAllowsGc;

    Scheduler(GcPolicyStore store, GcRules rules, GcService service, Clock clock) {
        this(store, rules, service, clock, registry -> true);
    }

    /**
     * {@code registryAllowsGc} is the registry's own {@code garbage_collection_enabled} (set through the management
     * API or {@code wharf apply}); a registry that turned it off keeps its window but no scheduled run starts.
     */
    Scheduler(GcPolicyStore store, GcRules rules, GcService service, Clock clock, Predicate<String> registryAllowsGc) {
        this.registryAllowsGc = registryAllowsGc;
        this.store = store;
        this.rules = rules;
        this.service = service;
        this.clock = clock;
    }

    /** Returns how many runs it requested. */
    int tick() {
        int started = 0;
        ZonedDateTime now = ZonedDateTime.now(clock);
        for (GcRules.Schedule s : rules.schedules()) {
            if (!s.enabled() || !s.registry().isEmpty() && !registryAllowsGc.test(s.registry())) {
                continue;
            }
            var window = s.cron().latestAtOrBefore(now, s.zone());
            if (window.isEmpty()) {
                continue;
            }
            long start = window.get().toInstant().toEpochMilli();
            if (s.lastWindow() != null && s.lastWindow() >= start) {
                continue;
            }
            String uuid = UUID.randomUUID().toString();
            if (!store.claimWindow(s.registry(), start, uuid, clock.millis())) {
                continue;
            }
            String registry = s.registry().isEmpty() ? null : s.registry();
            try {
                service.start(registry, s.type(), false, uuid, dev.wharf.events.Origin.SYSTEM);
                started++;
                log.info("scheduled garbage collection {} requested for the window starting {}", uuid, window.get());
            } catch (IllegalStateException active) {
                log.info("window starting {} of {}: {}", window.get(), registry == null ? "the instance" : registry,
                        active.getMessage());
            }
        }
        return started;
    }
}
