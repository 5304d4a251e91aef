package dev.wharf.http.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.config.RegistriesConfig.Tier;
import dev.wharf.gc.GcControl;
import dev.wharf.http.reply.Json;
import dev.wharf.meta.RegistryContentListings;
import dev.wharf.meta.RegistryRecord;
import dev.wharf.tenancy.RegistryService;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The JSON objects of the management API, with DigitalOcean's exact field names. */
final class ApiViews {

    private ApiViews() {
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** RFC 3339 in UTC, whole seconds, as DigitalOcean writes times. */
    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static ObjectNode registry(RegistryService.View v) {
        RegistryRecord r = v.record();
        ObjectNode o = object();
        o.put("name", r.name());
        o.put("created_at", time(r.createdAt()));
        o.put("region", r.region());
        o.put("storage_usage_bytes", r.storageUsageBytes());
        o.put("storage_usage_bytes_updated_at", time(r.storageUsageBytesUpdatedAt()));
        o.set("subscription", subscription(new RegistryService.Subscription(v.tier(), r.subscriptionCreatedAt(),
                r.subscriptionUpdatedAt())));
        return o;
    }

    static ObjectNode subscription(RegistryService.Subscription s) {
        ObjectNode o = object();
        o.set("tier", tier(s.tier()));
        o.put("created_at", time(s.createdAt()));
        o.put("updated_at", time(s.updatedAt()));
        return o;
    }

    static ObjectNode tier(Tier t) {
        ObjectNode o = object();
        o.put("name", t.name());
        o.put("slug", t.slug());
        o.put("included_repositories", t.includedRepositories());
        o.put("included_storage_bytes", t.includedStorageBytes());
        o.put("allow_storage_overage", t.allowStorageOverage());
        o.put("included_bandwidth_bytes", t.includedBandwidthBytes());
        o.put("monthly_price_in_cents", t.monthlyPriceInCents());
        o.put("storage_overage_price_in_cents", t.storageOveragePriceInCents());
        return o;
    }

    static ObjectNode tierOption(RegistryService.TierOption t) {
        ObjectNode o = tier(t.tier());
        o.put("eligible", t.eligible());
        ArrayNode reasons = o.putArray("eligibility_reasons");
        t.eligibilityReasons().forEach(reasons::add);
        return o;
    }

    static ObjectNode tag(String registry, RegistryContentListings.TagSummary t) {
        ObjectNode o = object();
        o.put("registry_name", registry);
        o.put("repository", shortName(registry, t.repository().value()));
        o.put("tag", t.tag());
        o.put("manifest_digest", t.manifestDigest());
        o.put("compressed_size_bytes", t.compressedSizeBytes());
        o.put("size_bytes", t.sizeBytes() != null ? t.sizeBytes() : t.compressedSizeBytes());
        o.put("updated_at", time(t.updatedAt()));
        return o;
    }

    static ObjectNode manifest(String registry, RegistryContentListings.ManifestSummary m) {
        ObjectNode o = object();
        o.put("registry_name", registry);
        o.put("repository", shortName(registry, m.repository().value()));
        o.put("digest", m.digest());
        o.put("compressed_size_bytes", m.compressedSizeBytes());
        o.put("size_bytes", m.sizeBytes() != null ? m.sizeBytes() : m.compressedSizeBytes());
        o.put("updated_at", time(m.updatedAt()));
        ArrayNode tags = o.putArray("tags");
        m.tags().forEach(tags::add);
        ArrayNode blobs = o.putArray("blobs");
        for (RegistryContentListings.BlobSummary b : m.blobs()) {
            blobs.addObject().put("digest", b.digest()).put("compressed_size_bytes", b.compressedSizeBytes());
        }
        return o;
    }

    /** A v1 repository: {@code registry_name, name, latest_tag, tag_count}. */
    static ObjectNode repository(String registry, RegistryContentListings.RepositorySummary r) {
        ObjectNode o = object();
        o.put("registry_name", registry);
        o.put("name", shortName(registry, r.name().value()));
        if (r.latestTag() != null) {
            o.set("latest_tag", tag(registry, r.latestTag()));
        }
        o.put("tag_count", r.tagCount());
        return o;
    }

    /** A v2 repository: {@code registry_name, name, latest_manifest, tag_count, manifest_count}. */
    static ObjectNode repositoryV2(String registry, RegistryContentListings.RepositorySummary r) {
        ObjectNode o = object();
        o.put("registry_name", registry);
        o.put("name", shortName(registry, r.name().value()));
        if (r.latestManifest() != null) {
            o.set("latest_manifest", manifest(registry, r.latestManifest()));
        }
        o.put("tag_count", r.tagCount());
        o.put("manifest_count", r.manifestCount());
        return o;
    }

    static ObjectNode garbageCollection(GcControl.Run run) {
        ObjectNode o = object();
        o.put("uuid", run.uuid());
        o.put("registry_name", run.registry());
        o.put("status", gcStatus(run.status()));
        o.put("created_at", time(run.createdAt()));
        o.put("updated_at", time(run.updatedAt()));
        o.put("blobs_deleted", run.blobsDeleted());
        o.put("freed_bytes", run.freedBytes());
        o.put("type", gcType(run.type()));
        return o;
    }

    /** DigitalOcean's status words; a running collection is reported as scanning manifests. */
    static String gcStatus(GcControl.Status s) {
        return switch (s) {
            case REQUESTED -> "requested";
            case RUNNING -> "scanning manifests";
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }

    static String gcType(GcControl.Type t) {
        return switch (t) {
            case UNTAGGED_MANIFESTS_ONLY -> "untagged manifests only";
            case UNREFERENCED_BLOBS_ONLY -> "unreferenced blobs only";
            case UNREFERENCED_BLOBS_AND_MANIFESTS -> "untagged manifests and unreferenced blobs";
        };
    }

    static GcControl.Type gcType(String wire) {
        for (GcControl.Type t : GcControl.Type.values()) {
            if (gcType(t).equals(wire)) {
                return t;
            }
        }
        return null;
    }

    private static String shortName(String registry, String full) {
        return full.startsWith(registry + "/") ? full.substring(registry.length() + 1) : full;
    }
}
