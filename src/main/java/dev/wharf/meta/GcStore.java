package dev.wharf.meta;

/**
 * All the metadata the garbage collector needs, for the module that wires it; each part of the collector takes
 * only its piece: {@link GcRunStore}, {@link GcPolicyStore}, {@link GcSweepStore} and {@link GcRepairStore}.
 */
public interface GcStore extends GcRunStore, GcPolicyStore, GcSweepStore, GcRepairStore {
}
