package dev.wharf.discovery.config;

import java.util.List;

/** A whole discovery run: the providers, and the prefix of the labels put on every entity. */
public record DiscoveryConfig(List<ProviderConfig> providers, String labelPrefix) {
    public static final String DEFAULT_LABEL_PREFIX = "devgraph.ai/";

    public DiscoveryConfig {
        providers = List.copyOf(providers);
    }

    /** Every secret in the config, so messages can be scrubbed of them. */
    public List<String> secrets() {
        return providers.stream()
                .flatMap(p -> java.util.stream.Stream.of(p.password(), p.token()))
                .filter(s -> s != null && !s.isEmpty()).toList();
    }
}
