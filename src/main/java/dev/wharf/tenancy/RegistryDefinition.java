package dev.wharf.tenancy;

/**
 * A registry as a file declares it for {@code wharf apply}. Null fields are not managed by the file (left as they
 * are, or defaults on create). {@code form} names the accepted form it came from, for messages.
 */
public record RegistryDefinition(String name, String tier, String region, Long storageQuotaBytes, Boolean gcEnabled,
                                 String owner, String form) {
}
