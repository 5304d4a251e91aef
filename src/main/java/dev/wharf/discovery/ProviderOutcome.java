package dev.wharf.discovery;

import java.util.Set;

/**
 * How a provider's run ended: {@code listed} when its repositories could be listed (so a repository missing now is
 * really gone), and the repositories that failed in part or whole (whose old state must not count as removed).
 */
public record ProviderOutcome(String provider, boolean listed, Set<String> failedRepositories) {
}
