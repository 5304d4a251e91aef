package dev.wharf.meta;

import java.util.List;

/**
 * Retention policies and maintenance schedules, and the claim that gives each schedule window one run.
 * Timestamps are epoch milliseconds.
 */
public interface GcPolicyStore {

    /** Retention and immutability for repositories {@code registry/<repositories glob>}; null fields are unset. */
    record PolicyRow(String registry, String repositories, Integer keepLast, String keepTags, Integer olderThanDays,
                     String protectedTags, String immutableTags, long updatedAt) {
    }

    List<PolicyRow> policies();

    void putPolicy(PolicyRow policy);

    boolean deletePolicy(String registry, String repositories);

    /** A maintenance window; {@code registry} "" is the whole instance. */
    record ScheduleRow(String registry, boolean enabled, String cron, String timeZone, String type, Long lastWindow,
                       String lastRun, long updatedAt) {
    }

    List<ScheduleRow> schedules();

    /** Creates or replaces a schedule, keeping the window it last ran for. */
    void putSchedule(ScheduleRow schedule);

    boolean deleteSchedule(String registry);

    /** Records that {@code window} of {@code registry} got {@code runUuid}; false when that window already had one. */
    boolean claimWindow(String registry, long window, String runUuid, long now);
}
