package dev.wharf.discovery.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One registry to discover. Secrets ({@code password}, {@code token}) are never printed: {@link #toString()}
 * masks them, and every message discovery prints goes through {@link dev.wharf.discovery.Redactor}.
 * {@code retries} is the number of retries after the first attempt; {@code pageSize} the {@code n} asked of
 * {@code _catalog} and {@code tags/list}; {@code concurrency} bounds requests in flight. {@code hubApiUrl} (Docker Hub
 * only, else null) is where repository descriptions, stars and pulls are read.
 */
public record ProviderConfig(String name, RegistryType registryType, URI apiUrl, String username, String password,
                             String token, String namespace, Duration timeout, boolean discoverVulnerabilities,
                             List<Selector> selectors, int retries, int pageSize, int concurrency, URI hubApiUrl) {

    public ProviderConfig {
        selectors = List.copyOf(selectors);
    }

    /** The registry's host (and port), as image references name it. */
    public String host() {
        return apiUrl.getPort() < 0 ? apiUrl.getHost() : apiUrl.getHost() + ":" + apiUrl.getPort();
    }

    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", registryType=" + registryType.configName() + ", apiUrl=" + apiUrl
                + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", token=" + (token == null ? null : "***") + ", namespace=" + namespace + "]";
    }
}
