package dev.wharf.discovery;

import dev.wharf.discovery.Pusher.Image;
import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.Graph;
import dev.wharf.discovery.graph.Kinds;
import dev.wharf.discovery.graph.Names;
import dev.wharf.discovery.graph.Relationship;
import dev.wharf.oci.Digest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares a discovered graph with what a test pushed, field by field and edge by edge. */
final class GraphCheck {
    private final Graph graph;
    private final String provider;
    private final String registryUrl;
    private final String registryType;
    private final Map<String, Entity> byName = new HashMap<>();
    private final List<String> expectedEdges = new ArrayList<>();

    GraphCheck(Graph graph, String provider, String registryUrl, String registryType) {
        this.graph = graph;
        this.provider = provider;
        this.registryUrl = registryUrl;
        this.registryType = registryType;
        graph.entities().forEach(e -> byName.put(e.kind() + "/" + e.metadata().name(), e));
    }

    Entity entity(String kind, String... nameParts) {
        String name = Names.of(nameParts);
        Entity e = byName.get(kind + "/" + name);
        assertThat(e).as(kind + " " + name + " in " + byName.keySet()).isNotNull();
        return e;
    }

    void counts(long repositories, long manifests, long images) {
        assertThat(graph.count(Kinds.REGISTRY)).as("registries").isEqualTo(1);
        assertThat(graph.count(Kinds.REPOSITORY)).as("repositories").isEqualTo(repositories);
        assertThat(graph.count(Kinds.MANIFEST)).as("manifests").isEqualTo(manifests);
        assertThat(graph.count(Kinds.IMAGE)).as("images").isEqualTo(images);
    }

    Entity repository(String repo) {
        Entity r = entity(Kinds.REPOSITORY, provider, repo);
        assertThat(r.spec()).containsEntry("full_name", repo).containsEntry("registry_url", registryUrl)
                .containsEntry("name", repo.substring(repo.lastIndexOf('/') + 1))
                .containsEntry("namespace", repo.substring(0, repo.lastIndexOf('/')));
        assertThat(r.metadata().labels()).containsEntry("devgraph.ai/repository-name", repo)
                .containsEntry("devgraph.ai/provider", provider);
        edge(r, Kinds.BELONGS_TO, entity(Kinds.REGISTRY, provider));
        return r;
    }

    /** Checks the image {@code tag} resolves to {@code img} (from {@code index} when not null) and its manifests. */
    Entity image(Image img, String tag, Digest index, String variant) {
        List<String> name = new ArrayList<>(List.of(provider, img.repo(), tag));
        if (index != null) {
            name.addAll(List.of(img.os(), img.arch()));
            if (variant != null) {
                name.add(variant);
            }
        }
        Entity e = entity(Kinds.IMAGE, name.toArray(String[]::new));
        Map<String, Object> s = e.spec();
        assertThat(s).containsEntry("repository", img.repo()).containsEntry("tag", tag)
                .containsEntry("digest", img.digest().toString()).containsEntry("size", img.size())
                .containsEntry("os", img.os()).containsEntry("architecture", img.arch())
                .containsEntry("created", img.created()).containsEntry("labels", new java.util.TreeMap<>(img.labels()))
                .containsEntry("registry_url", registryUrl);
        assertThat(s.get("index_digest")).isEqualTo(index == null ? null : index.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) s.get("layers");
        assertThat(layers).extracting(l -> l.get("digest")).containsExactlyElementsOf(
                img.layers().stream().map(Digest::toString).toList());
        assertThat(e.metadata().labels()).containsEntry("devgraph.ai/provider", provider)
                .containsEntry("devgraph.ai/registry-type", registryType)
                .containsEntry("devgraph.ai/repository-name", img.repo()).containsEntry("devgraph.ai/image-tag", tag)
                .containsEntry("devgraph.ai/manifest-digest", img.digest().toString());
        Entity repo = entity(Kinds.REPOSITORY, provider, img.repo());
        Entity manifest = manifest(img);
        edge(e, Kinds.BELONGS_TO, repo);
        edge(e, Kinds.USES, manifest);
        if (index != null) {
            edge(e, Kinds.USES, entity(Kinds.MANIFEST, provider, img.repo(), "sha256", index.hex()));
        }
        return e;
    }

    Entity manifest(Image img) {
        Entity m = entity(Kinds.MANIFEST, provider, img.repo(), "sha256", img.digest().hex());
        assertThat(m.spec()).containsEntry("digest", img.digest().toString())
                .containsEntry("size", (long) img.manifest().length).containsEntry("schema_version", 2)
                .containsEntry("config_digest", img.config().toString()).containsEntry("created", img.created())
                .containsEntry("os", img.os()).containsEntry("architecture", img.arch())
                .containsEntry("layer_digests", img.layers().stream().map(Digest::toString).toList());
        edge(m, Kinds.BELONGS_TO, entity(Kinds.REPOSITORY, provider, img.repo()));
        return m;
    }

    Entity index(String repo, Digest digest, byte[] payload) {
        Entity m = entity(Kinds.MANIFEST, provider, repo, "sha256", digest.hex());
        assertThat(m.spec()).containsEntry("digest", digest.toString())
                .containsEntry("media_type", Pusher.OCI_INDEX).containsEntry("size", (long) payload.length)
                .containsEntry("config_digest", null);
        edge(m, Kinds.BELONGS_TO, entity(Kinds.REPOSITORY, provider, repo));
        return m;
    }

    private void edge(Entity from, String relation, Entity to) {
        String s = from.metadata().name() + " " + relation + " " + to.metadata().name();
        if (!expectedEdges.contains(s)) {
            expectedEdges.add(s);
        }
    }

    /** After every entity was checked: the graph has exactly the edges those checks expected. */
    void exactRelationships() {
        assertThat(graph.relationships()).extracting(GraphCheck::text).containsExactlyInAnyOrderElementsOf(expectedEdges);
    }

    private static String text(Relationship r) {
        return r.source().name() + " " + r.relation() + " " + r.target().name();
    }
}
