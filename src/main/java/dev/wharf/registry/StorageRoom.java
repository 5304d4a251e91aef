package dev.wharf.registry;

/**
 * What a registry's storage quota leaves for bytes not linked yet: {@code quotaBytes - usageBytes}. Only registries
 * whose quota refuses pushes beyond it have one.
 */
public record StorageRoom(String registry, String tier, long quotaBytes, long usageBytes) {

    public long free() {
        return Math.max(0, quotaBytes - usageBytes);
    }
}
