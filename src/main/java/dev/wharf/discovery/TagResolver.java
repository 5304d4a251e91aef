package dev.wharf.discovery;

import dev.wharf.discovery.client.RegistryApi;
import dev.wharf.discovery.client.RegistryApi.Fetched;
import dev.wharf.discovery.vuln.VulnerabilityReader;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ImageConfig;
import dev.wharf.oci.MediaTypes;
import dev.wharf.oci.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a tag to its images: the manifest it names and that manifest's config, or for an index each platform's
 * manifest and config. Index entries that are not runnable images (attestations, {@code unknown/unknown}, nested
 * indexes) are skipped.
 */
final class TagResolver {
    private static final java.util.regex.Pattern REFERRER_TAG =
            java.util.regex.Pattern.compile("sha(256|512)-[0-9a-f]{64,128}(\\..+)?");
    private final RegistryApi api;
    private final VulnerabilityReader vulnerabilities;

    TagResolver(RegistryApi api) {
        this.api = api;
        this.vulnerabilities = new VulnerabilityReader(api);
    }

    List<ResolvedImage> resolve(String repository, String tag) {
        Fetched top = api.manifest(repository, tag);
        if (!top.manifest().isIndex()) {
            ImageConfig config = config(repository, top);
            return List.of(new ResolvedImage(tag, top, config, Optional.empty(), config.os(), config.architecture(),
                    config.variant()));
        }
        List<ResolvedImage> out = new ArrayList<>();
        for (Descriptor child : top.manifest().manifests()) {
            if (!isPlatformImage(child)) {
                continue;
            }
            Fetched m = api.manifest(repository, child.digest().toString());
            if (m.manifest().isIndex() || !isImageConfig(m.manifest().config())) {
                continue;
            }
            ImageConfig config = config(repository, m);
            Platform p = child.platform();
            out.add(new ResolvedImage(tag, m, config, Optional.of(top),
                    p != null ? p.os() : config.os(), p != null ? p.architecture() : config.architecture(),
                    p != null ? p.variant() : config.variant()));
        }
        return out;
    }

    Map<String, Object> vulnerabilities(String repository, List<Digest> subjects) {
        return vulnerabilities.summarize(repository, subjects);
    }

    private ImageConfig config(String repository, Fetched m) {
        Descriptor c = m.manifest().config();
        return isImageConfig(c) ? ImageConfig.parse(api.blob(repository, c.digest())) : ImageConfig.NONE;
    }

    private static boolean isImageConfig(Descriptor c) {
        return c != null && (c.mediaType().equals(MediaTypes.OCI_CONFIG) || c.mediaType().equals(MediaTypes.DOCKER_CONFIG));
    }

    /** Tags that hold referrers, signatures or attestations ({@code sha256-<hex>}, {@code sha256-<hex>.sig}). */
    static boolean isReferrerTag(String tag) {
        return REFERRER_TAG.matcher(tag).matches();
    }

    private static boolean isPlatformImage(Descriptor d) {
        if ("attestation-manifest".equals(d.annotations().get("vnd.docker.reference.type"))) {
            return false;
        }
        Platform p = d.platform();
        return p == null || !("unknown".equals(p.os()) && "unknown".equals(p.architecture()));
    }
}
