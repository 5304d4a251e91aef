package dev.wharf.content.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.meta.ManifestRecord;
import dev.wharf.meta.RepositoryListings;
import dev.wharf.meta.TagEntry;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.ImageConfig;
import dev.wharf.oci.ManifestParser;
import dev.wharf.oci.MediaTypes;
import dev.wharf.oci.OciException;
import dev.wharf.oci.ParsedManifest;
import dev.wharf.oci.Platform;
import dev.wharf.oci.Reference;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.BlobService;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.ManifestService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads stored manifests and image configurations into what people look at: a row per tag (size, platforms,
 * created, layer count) and the details of one manifest of any kind. Read-only; the web UI is its caller, and
 * translates these records to pages and JSON.
 */
public final class ImageInspector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CHILDREN = 256;

    private final RepositoryListings meta;
    private final ManifestService manifests;
    private final ContentDiscovery discovery;
    private final ImageConfigs configs;

    public ImageInspector(RepositoryListings meta, ManifestService manifests, BlobService blobs,
                          ContentDiscovery discovery) {
        this.meta = meta;
        this.manifests = manifests;
        this.discovery = discovery;
        this.configs = new ImageConfigs(blobs);
    }

    /** One row of a repository's tags table. {@code layers} and {@code created} may be null (indexes, artifacts). */
    public record TagRow(String tag, String digest, String mediaType, long size, List<String> platforms,
                         Instant created, Instant pushed, Integer layers) {
    }

    /** A layer or blob of a manifest. */
    public record Layer(String digest, String mediaType, long size, Map<String, String> annotations) {
    }

    /** An entry of an index: a child manifest and its platform. */
    public record Child(String digest, String mediaType, String platform, long size) {
    }

    /** A manifest that names this one as its subject (signature, SBOM, attestation). */
    public record Referrer(String digest, String artifactType, String mediaType, long size,
                           Map<String, String> annotations) {
    }

    /** Everything the manifest page shows. */
    public record Details(String repository, String digest, String mediaType, String artifactType, long totalSize,
                          long manifestSize, Instant pushed, String subject, Map<String, String> annotations,
                          String configDigest, String configMediaType, ImageConfig config, List<Layer> layers,
                          List<Child> children, List<Referrer> referrers, String rawManifest) {
    }

    /** Tags of {@code repo} after {@code after}, at most {@code limit}, with their figures. */
    public List<TagRow> tags(RepositoryName repo, String after, int limit) {
        List<TagRow> rows = new ArrayList<>();
        for (TagEntry t : meta.listTagEntries(repo, after, limit)) {
            Optional<ManifestRecord> m = manifests.find(repo, t.digest());
            m.ifPresent(record -> rows.add(row(repo, t, record)));
        }
        return rows;
    }

    private TagRow row(RepositoryName repo, TagEntry t, ManifestRecord record) {
        Summary s = summarize(repo, record, 0);
        return new TagRow(t.name(), t.digest().toString(), record.mediaType(), s.size, s.platforms, s.created,
                t.pushedAt(), s.layers);
    }

    /** Size, platforms, created time and layer count of a manifest (an index sums its children). */
    private record Summary(long size, List<String> platforms, Instant created, Integer layers) {
    }

    private Summary summarize(RepositoryName repo, ManifestRecord record, int depth) {
        ParsedManifest p = parse(record);
        if (p == null) {
            return new Summary(record.size(), List.of(), null, null);
        }
        if (!p.isIndex()) {
            long size = record.size() + (p.config() == null ? 0 : p.config().size());
            for (Descriptor l : p.layers()) {
                size += l.size();
            }
            ImageConfig c = configs.of(repo, p.config());
            List<String> platform = c.platform().map(Platform::display).stream().toList();
            return new Summary(size, platform, c.createdAt().orElse(null), p.layers().size());
        }
        long size = record.size();
        List<String> platforms = new ArrayList<>();
        Instant created = null;
        for (Descriptor child : p.manifests().subList(0, Math.min(MAX_CHILDREN, p.manifests().size()))) {
            String platform = display(child.platform());
            Optional<ManifestRecord> c = depth > 0 ? Optional.empty() : manifests.find(repo, child.digest());
            Summary cs = c.map(r -> summarize(repo, r, depth + 1)).orElse(null);
            size += cs == null ? child.size() : cs.size;
            if (platform == null && cs != null && !cs.platforms.isEmpty()) {
                platform = cs.platforms.get(0);
            }
            if (platform != null && !platform.equals("unknown/unknown") && !platforms.contains(platform)) {
                platforms.add(platform);
            }
            if (cs != null && cs.created != null && (created == null || cs.created.isAfter(created))) {
                created = cs.created;
            }
        }
        return new Summary(size, platforms, created, null);
    }

    /** The details of one manifest, or MANIFEST_UNKNOWN. */
    public Details details(RepositoryName repo, Reference reference) {
        ManifestRecord record = manifests.get(repo, reference);
        ParsedManifest p = parse(record);
        Summary s = summarize(repo, record, 0);
        List<Layer> layers = new ArrayList<>();
        List<Child> children = new ArrayList<>();
        ImageConfig config = ImageConfig.NONE;
        if (p != null) {
            for (Descriptor l : p.layers()) {
                layers.add(new Layer(l.digest().toString(), l.mediaType(), l.size(), orEmpty(l.annotations())));
            }
            for (Descriptor c : p.manifests()) {
                children.add(new Child(c.digest().toString(), c.mediaType(), display(c.platform()), c.size()));
            }
            config = configs.of(repo, p.config());
        }
        List<Referrer> referrers = discovery.referrers(repo, record.digest(), null).stream()
                .map(d -> new Referrer(d.digest().toString(), d.artifactType(), d.mediaType(), d.size(),
                        orEmpty(d.annotations())))
                .toList();
        // the referrers API reports an image's config type as its artifact type; people need it only for artifacts.
        // Indexes and lists without artifactType have none (null).
        String artifactType = MediaTypes.isImageConfig(record.artifactType()) ? null : record.artifactType();
        return new Details(repo.value(), record.digest().toString(), record.mediaType(), artifactType,
                s.size, record.size(), record.createdAt(), record.subject() == null ? null : record.subject().toString(),
                orEmpty(record.annotations()),
                p == null || p.config() == null ? null : p.config().digest().toString(),
                p == null || p.config() == null ? null : p.config().mediaType(),
                config, layers, children, referrers, pretty(record.payload()));
    }

    private static ParsedManifest parse(ManifestRecord record) {
        try {
            return ManifestParser.parse(record.payload(), record.mediaType());
        } catch (OciException e) {
            return null;
        }
    }

    /** An index entry's platform as people read it; null when the entry names none. */
    private static String display(Platform p) {
        return p == null || p.os() == null && p.architecture() == null ? null : p.display();
    }

    private static String pretty(byte[] payload) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(payload));
        } catch (IOException e) {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
