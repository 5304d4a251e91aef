package dev.wharf.discovery.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of registry discovery knows how to talk to; they differ in catalog support and credentials. */
public enum RegistryType {
    DOCKER_HUB("docker-hub"),
    ECR("ecr"),
    GCR("gcr"),
    ACR("acr"),
    GHCR("ghcr"),
    PRIVATE("private");

    private final String configName;

    RegistryType(String configName) {
        this.configName = configName;
    }

    /** The name used in the config file and in output ({@code docker-hub}, {@code ghcr}, ...). */
    public String configName() {
        return configName;
    }

    /** Docker Hub and GHCR offer no usable {@code _catalog}: repositories must be named by selectors. */
    public boolean hasCatalog() {
        return this != DOCKER_HUB && this != GHCR;
    }

    public static Optional<RegistryType> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.configName.equals(n)).findFirst();
    }

    public static String allNames() {
        return String.join("|", Arrays.stream(values()).map(RegistryType::configName).toList());
    }
}
