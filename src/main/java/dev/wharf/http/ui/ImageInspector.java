package dev.wharf.http.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.meta.ManifestRecord;
import dev.wharf.meta.MetadataStore;
import dev.wharf.meta.TagEntry;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ManifestParser;
import dev.wharf.oci.MediaTypes;
import dev.wharf.oci.OciException;
import dev.wharf.oci.ParsedManifest;
import dev.wharf.oci.Reference;
import dev.wharf.oci.RepositoryName;
import dev.wharf.registry.BlobService;
import dev.wharf.registry.ContentDiscovery;
import dev.wharf.registry.ManifestService;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads stored manifests and image configurations into what the UI shows: a row per tag (size, platforms,
 * created, layer count) and the details of one manifest. Configuration blobs are immutable, so their parsed form
 * is cached by digest (bounded).
 */
final class ImageInspector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_CONFIG_BYTES = 4L << 20;
    private static final int MAX_CHILDREN = 256;
    private static final int CACHE_ENTRIES = 2048;

    private final MetadataStore meta;
    private final ManifestService manifests;
    private final BlobService blobs;
    private final ContentDiscovery discovery;
    private final Map<Digest, ImageConfig> configs = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Digest, ImageConfig> eldest) {
                    return size() > CACHE_ENTRIES;
                }
            });

    ImageInspector(MetadataStore meta, ManifestService manifests, BlobService blobs, ContentDiscovery discovery) {
        this.meta = meta;
        this.manifests = manifests;
        this.blobs = blobs;
        this.discovery = discovery;
    }

    /** One row of a repository's tags table. {@code layers} and {@code created} may be null (indexes, artifacts). */
    record TagRow(String tag, String digest, String mediaType, long size, List<String> platforms, Instant created,
                  Instant pushed, Integer layers) {
    }

    /** A layer or blob of a manifest. */
    record Layer(String digest, String mediaType, long size, Map<String, String> annotations) {
    }

    /** An entry of an index: a child manifest and its platform. */
    record Child(String digest, String mediaType, String platform, long size) {
    }

    /** A manifest that names this one as its subject (signature, SBOM, attestation). */
    record Referrer(String digest, String artifactType, String mediaType, long size, Map<String, String> annotations) {
    }

    /** Everything the manifest page shows. */
    record Details(String repository, String digest, String mediaType, String artifactType, long totalSize,
                   long manifestSize, Instant pushed, String subject, Map<String, String> annotations,
                   String configDigest, String configMediaType, ImageConfig config, List<Layer> layers,
                   List<Child> children, List<Referrer> referrers, String rawManifest) {
    }

    /** Tags of {@code repo} after {@code after}, at most {@code limit}, with their figures. */
    List<TagRow> tags(RepositoryName repo, String after, int limit) {
        List<TagRow> rows = new ArrayList<>();
        for (TagEntry t : meta.listTagEntries(repo, after, limit)) {
            Optional<ManifestRecord> m = meta.manifestByDigest(repo, t.digest());
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
            ImageConfig c = config(repo, p.config());
            String platform = c.platform();
            return new Summary(size, platform == null ? List.of() : List.of(platform), c.created(), p.layers().size());
        }
        long size = record.size();
        List<String> platforms = new ArrayList<>();
        Instant created = null;
        for (Descriptor child : p.manifests().subList(0, Math.min(MAX_CHILDREN, p.manifests().size()))) {
            String platform = child.platform() == null ? null
                    : Platforms.format(child.platform().os(), child.platform().architecture(), child.platform().variant());
            Optional<ManifestRecord> c = depth > 0 ? Optional.empty() : meta.manifestByDigest(repo, child.digest());
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
    Details details(RepositoryName repo, Reference reference) {
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
                String platform = c.platform() == null ? null
                        : Platforms.format(c.platform().os(), c.platform().architecture(), c.platform().variant());
                children.add(new Child(c.digest().toString(), c.mediaType(), platform, c.size()));
            }
            config = config(repo, p.config());
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

    private ImageConfig config(RepositoryName repo, Descriptor config) {
        if (config == null || config.size() > MAX_CONFIG_BYTES || !MediaTypes.isImageConfig(config.mediaType())) {
            return ImageConfig.NONE;
        }
        ImageConfig cached = configs.get(config.digest());
        if (cached != null) {
            return cached;
        }
        ImageConfig read = readConfig(repo, config.digest());
        configs.put(config.digest(), read);
        return read;
    }

    private ImageConfig readConfig(RepositoryName repo, Digest digest) {
        try {
            long size = blobs.size(repo, digest);
            if (size > MAX_CONFIG_BYTES) {
                return ImageConfig.NONE;
            }
            try (SeekableByteChannel ch = blobs.open(digest); InputStream in = Channels.newInputStream(ch)) {
                return ImageConfig.of(JSON.readTree(in.readNBytes((int) size)));
            }
        } catch (IOException | RuntimeException e) {
            // not JSON, or not an image configuration: show the manifest without it
            return ImageConfig.NONE;
        }
    }

    private static String pretty(byte[] payload) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(payload));
        } catch (IOException e) {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
