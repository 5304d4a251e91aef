package dev.wharf.meta;

import dev.wharf.events.Event;

import java.util.List;
import java.util.Optional;

/** Registries (tenants): their records, tiers and limits. */
public interface RegistryRecords {

    /** Creates the registry and counts the content already under its name; empty when the name is taken. */
    default Optional<RegistryRecord> create(String name, String owner, String region, RegistryRecord.Plan plan) {
        return create(name, owner, region, plan, null);
    }

    /** {@link #create(String, String, String, RegistryRecord.Plan)}, recording {@code created} when it creates. */
    Optional<RegistryRecord> create(String name, String owner, String region, RegistryRecord.Plan plan,
                                    Event created);

    Optional<RegistryRecord> find(String name);

    /** Registries of {@code owner} ({@code null}: all), oldest first. */
    List<RegistryRecord> list(String owner);

    /** True when at least one registry exists (the data plane then applies registry rules). */
    boolean any();

    /** Changes the tier, quota, limits and GC flag; empty when there is no such registry. */
    default Optional<RegistryRecord> updatePlan(String name, RegistryRecord.Plan plan) {
        return updatePlan(name, plan, null);
    }

    /** {@link #updatePlan(String, RegistryRecord.Plan)}, recording {@code changed} when it changes. */
    Optional<RegistryRecord> updatePlan(String name, RegistryRecord.Plan plan, Event changed);

    /**
     * Removes the registry's own rows, its garbage collection history, retention policies and schedule; its
     * repositories must have been deleted first.
     */
    default boolean delete(String name) {
        return delete(name, null);
    }

    /** {@link #delete(String)}, recording {@code deleted} when it deletes. */
    boolean delete(String name, Event deleted);
}
