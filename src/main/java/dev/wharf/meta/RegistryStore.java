package dev.wharf.meta;

/**
 * Registries (tenants) and what is known about their content, whole, for the services that administer them:
 * {@link RegistryRecords}, {@link RegistryUsage}, {@link RegistryContentListings} and {@link UncompressedSizeStore}.
 * A repository belongs to the registry named by its first path component.
 */
public interface RegistryStore extends RegistryRecords, RegistryUsage, RegistryContentListings,
        UncompressedSizeStore {
}
