package dev.wharf.content;

/**
 * A registry's storage quota and what it uses, for the bytes not linked yet that unfinished uploads share; whether
 * they fit is {@link QuotaRule#stagedFits}'s to say. Only registries whose quota refuses pushes beyond it have one.
 */
public record StorageRoom(String registry, String tier, long quotaBytes, long usageBytes) {
}
