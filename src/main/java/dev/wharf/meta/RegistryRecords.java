package dev.wharf.meta;

import java.util.List;
import java.util.Optional;

/** Registries (tenants): their records, tiers and limits. */
public interface RegistryRecords {

    /** Creates the registry and counts the content already under its name; empty when the name is taken. */
    Optional<RegistryRecord> create(String name, String owner, String region, RegistryRecord.Plan plan);

    Optional<RegistryRecord> find(String name);

    /** Registries of {@code owner} ({@code null}: all), oldest first. */
    List<RegistryRecord> list(String owner);

    /** True when at least one registry exists (the data plane then applies registry rules). */
    boolean any();

    /** Changes the tier, quota, limits and GC flag; empty when there is no such registry. */
    Optional<RegistryRecord> updatePlan(String name, RegistryRecord.Plan plan);

    /**
     * Removes the registry's own rows, its garbage collection history, retention policies and schedule; its
     * repositories must have been deleted first.
     */
    boolean delete(String name);
}
