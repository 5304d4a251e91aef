package dev.wharf.discovery;

import dev.wharf.discovery.client.HubMetadata;
import dev.wharf.discovery.client.RegistryApi.Fetched;
import dev.wharf.discovery.client.RegistryApi.Ping;
import dev.wharf.discovery.config.ProviderConfig;
import dev.wharf.discovery.config.RegistryType;
import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.Kinds;
import dev.wharf.discovery.graph.Names;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.ImageConfig;
import dev.wharf.oci.ParsedManifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the graph entities of one provider from what it found, with their names, labels and spec fields. */
public final class EntityFactory {
    private final ProviderConfig provider;
    private final String prefix;
    private final String apiVersion;

    public EntityFactory(ProviderConfig provider, String labelPrefix) {
        this.provider = provider;
        this.prefix = labelPrefix;
        String domain = labelPrefix.endsWith("/") ? labelPrefix.substring(0, labelPrefix.length() - 1) : labelPrefix;
        this.apiVersion = "entities." + (domain.isEmpty() ? "wharf.dev" : domain) + "/v1";
    }

    /** A repository {@code a/b/c}: its namespace {@code a/b} (Docker Hub: {@code library} for {@code c}). */
    public static String namespaceOf(String repository) {
        int slash = repository.lastIndexOf('/');
        return slash < 0 ? "" : repository.substring(0, slash);
    }

    public static String nameOf(String repository) {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    public Entity registry(Ping ping) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", provider.name());
        spec.put("registry_type", provider.registryType().configName());
        spec.put("url", provider.apiUrl().toString());
        spec.put("description", describe(provider.registryType()) + " at " + provider.host());
        spec.put("version", ping.apiVersion().orElse(null));
        // Docker Hub's /v2/ wants a token even for public images, which anyone may get anonymously.
        spec.put("public", ping.isPublic() || provider.registryType() == RegistryType.DOCKER_HUB);
        return entity(Kinds.REGISTRY, Names.of(provider.name()), labels(null, null, null), spec);
    }

    /** A repository; {@code hub} carries Docker Hub's description, stars and pulls when known. */
    public Entity repository(String repository, String lastUpdated, Optional<HubMetadata.Info> hub) {
        Map<String, Object> spec = new LinkedHashMap<>();
        String namespace = namespaceOf(repository);
        spec.put("name", nameOf(repository));
        spec.put("full_name", repository);
        spec.put("namespace", namespace);
        spec.put("description", hub.map(HubMetadata.Info::description).orElse(null));
        spec.put("official", provider.registryType() == RegistryType.DOCKER_HUB && namespace.equals("library"));
        spec.put("automated", hub.map(HubMetadata.Info::automated).orElse(false));
        spec.put("star_count", hub.map(HubMetadata.Info::starCount).orElse(null));
        spec.put("pull_count", hub.map(HubMetadata.Info::pullCount).orElse(null));
        spec.put("last_updated", hub.map(HubMetadata.Info::lastUpdated).orElse(lastUpdated));
        spec.put("registry_url", provider.apiUrl().toString());
        return entity(Kinds.REPOSITORY, Names.of(provider.name(), repository), labels(repository, null, null), spec);
    }

    public Entity manifest(String repository, Fetched f, ImageConfig config, String os, String architecture) {
        ParsedManifest m = f.manifest();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("repository", repository);
        spec.put("digest", f.digest().toString());
        spec.put("media_type", m.mediaType());
        spec.put("schema_version", 2);
        spec.put("architecture", architecture);
        spec.put("os", os);
        spec.put("size", (long) f.payload().length);
        spec.put("config_digest", m.config() == null ? null : m.config().digest().toString());
        spec.put("layer_digests", m.layers().stream().map(d -> d.digest().toString()).toList());
        spec.put("created", config.created());
        spec.put("registry_url", provider.apiUrl().toString());
        return entity(Kinds.MANIFEST, manifestName(repository, f),
                labels(repository, null, f.digest().toString()), spec);
    }

    public String manifestName(String repository, Fetched f) {
        return Names.of(provider.name(), repository, f.digest().algorithm().prefix(), f.digest().hex());
    }

    public Entity image(String repository, ResolvedImage img, Object vulnerabilities) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("repository", repository);
        spec.put("tag", img.tag());
        spec.put("digest", img.manifest().digest().toString());
        img.index().ifPresent(i -> spec.put("index_digest", i.digest().toString()));
        spec.put("size", img.size());
        spec.put("architecture", img.architecture());
        spec.put("os", img.os());
        if (img.variant() != null) {
            spec.put("variant", img.variant());
        }
        spec.put("created", img.config().created());
        spec.put("last_updated", img.config().created());
        spec.put("labels", new TreeMap<>(img.config().labels()));
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Descriptor l : img.manifest().manifest().layers()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("digest", l.digest().toString());
            layer.put("size", l.size());
            layer.put("media_type", l.mediaType());
            layers.add(layer);
        }
        spec.put("layers", layers);
        spec.put("vulnerabilities", vulnerabilities);
        spec.put("registry_url", provider.apiUrl().toString());
        List<String> name = new ArrayList<>(List.of(provider.name(), repository, img.tag()));
        if (img.index().isPresent()) {
            name.add(String.valueOf(img.os()));
            name.add(String.valueOf(img.architecture()));
            if (img.variant() != null) {
                name.add(img.variant());
            }
        }
        return entity(Kinds.IMAGE, Names.of(name.toArray(String[]::new)),
                labels(repository, img.tag(), img.manifest().digest().toString()), spec);
    }

    private Entity entity(String kind, String name, Map<String, String> labels, Map<String, Object> spec) {
        return new Entity(apiVersion, kind, new Entity.Metadata(name, provider.namespace(), labels), spec);
    }

    private Map<String, String> labels(String repository, String tag, String digest) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(prefix + "provider", provider.name());
        l.put(prefix + "registry-type", provider.registryType().configName());
        if (repository != null) {
            l.put(prefix + "repository-name", repository);
        }
        if (tag != null) {
            l.put(prefix + "image-tag", tag);
        }
        if (digest != null) {
            l.put(prefix + "manifest-digest", digest);
        }
        return l;
    }

    private static String describe(RegistryType t) {
        return switch (t) {
            case DOCKER_HUB -> "Docker Hub";
            case ECR -> "Amazon ECR registry";
            case GCR -> "Google Container Registry";
            case ACR -> "Azure Container Registry";
            case GHCR -> "GitHub Container Registry";
            case PRIVATE -> "Private registry";
        };
    }
}
