package dev.wharf.discovery;

import dev.wharf.discovery.client.CallFailedException;
import dev.wharf.discovery.client.HubMetadata;
import dev.wharf.discovery.client.RegistryApi;
import dev.wharf.discovery.client.RegistryApi.Fetched;
import dev.wharf.discovery.config.ProviderConfig;
import dev.wharf.discovery.config.Selector;
import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.Graph;
import dev.wharf.discovery.graph.Kinds;
import dev.wharf.oci.ImageConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Discovers one provider into the graph:
 * <ol>
 * <li>ping {@code /v2/} (the registry entity);</li>
 * <li>list repositories: {@code _catalog}, or the repositories selectors name;</li>
 * <li>per repository, in parallel: list tags, filter them, resolve each (an index gives one image per
 * platform), keep the newest {@code max_tags}, and add repository, manifest and image entities.</li>
 * </ol>
 * A failing repository or tag is logged and skipped; the others go on.
 */
final class ProviderDiscovery {
    private final ProviderConfig provider;
    private final RegistryApi api;
    private final TagResolver resolver;
    private final EntityFactory entities;
    private final Graph graph;
    private final RunLog log;
    private final Progress progress;
    private final ExecutorService executor;
    private final HubMetadata hub;
    private final Set<String> failedRepositories = ConcurrentHashMap.newKeySet();
    private volatile boolean fromCatalog;

    ProviderDiscovery(ProviderConfig provider, RegistryApi api, TagResolver resolver, EntityFactory entities,
                      Graph graph, RunLog log, Progress progress, ExecutorService executor, HubMetadata hub) {
        this.provider = provider;
        this.api = api;
        this.resolver = resolver;
        this.entities = entities;
        this.graph = graph;
        this.log = log;
        this.progress = progress;
        this.executor = executor;
        this.hub = hub;
    }

    /** Runs the provider; the outcome says whether its repositories could be listed and which failed. */
    ProviderOutcome run() {
        Entity registry;
        Map<String, Selector> repositories;
        try {
            registry = entities.registry(api.ping());
            graph.add(registry);
            repositories = repositories();
        } catch (RuntimeException e) {
            error(null, null, e);
            return new ProviderOutcome(provider.name(), false, Set.of());
        }
        progress.repositoriesFound(repositories.size());
        List<Future<?>> running = new ArrayList<>();
        repositories.forEach((repo, selector) -> running.add(executor.submit(() -> repository(registry, repo, selector))));
        for (Future<?> f : running) {
            await(f);
        }
        return new ProviderOutcome(provider.name(), true, Set.copyOf(failedRepositories));
    }

    private Map<String, Selector> repositories() {
        if (!provider.registryType().hasCatalog()) {
            return named(provider.registryType().configName() + " has no catalog");
        }
        List<String> catalog;
        try {
            catalog = api.catalog();
        } catch (CallFailedException e) {
            if (e.status() != 401 && e.status() != 403 && e.status() != 404) {
                throw e;
            }
            String why = "the registry refused _catalog (" + e.getMessage() + ")";
            NamedRepositories.Result named = NamedRepositories.of(provider.selectors(), provider.registryType(), why);
            if (named.repositories().isEmpty() && e.status() == 401) {
                throw e;
            }
            if (!named.repositories().isEmpty()) {
                log.warn(provider.name(), null, why + "; discovering the repositories selectors name: "
                        + String.join(", ", named.repositories().keySet()));
            }
            return report(named, why);
        }
        fromCatalog = true;
        Map<String, Selector> out = new LinkedHashMap<>();
        for (String repo : catalog) {
            String ns = EntityFactory.namespaceOf(repo);
            String name = EntityFactory.nameOf(repo);
            provider.selectors().stream().filter(s -> s.matchesRepository(ns, name)).findFirst()
                    .ifPresent(s -> out.put(repo, s));
        }
        return out;
    }

    private Map<String, Selector> named(String why) {
        return report(NamedRepositories.of(provider.selectors(), provider.registryType(), why), why);
    }

    /** Warns about selectors that name nothing, and when nothing at all is named. */
    private Map<String, Selector> report(NamedRepositories.Result r, String why) {
        r.warnings().forEach(w -> log.warn(provider.name(), null, w));
        if (r.repositories().isEmpty()) {
            log.warn(provider.name(), null, why + ", and no selector names a repository: nothing to discover");
        }
        return r.repositories();
    }

    private void repository(Entity registry, String repo, Selector selector) {
        try {
            List<String> tags = tags(repo).stream()
                    .filter(t -> !TagResolver.isReferrerTag(t) && selector.matchesTag(t)).toList();
            List<Future<Optional<List<ResolvedImage>>>> pending = new ArrayList<>();
            for (String tag : tags) {
                pending.add(executor.submit(() -> resolve(repo, tag)));
            }
            List<List<ResolvedImage>> resolved = new ArrayList<>();
            for (var f : pending) {
                await(f).ifPresent(resolved::add);
            }
            resolved.sort(NEWEST_FIRST);
            List<List<ResolvedImage>> kept = resolved.subList(0, Math.min(selector.maxTags(), resolved.size()));
            String lastUpdated = kept.stream().flatMap(List::stream).map(i -> i.config().created())
                    .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            Entity repository = entities.repository(repo, lastUpdated, hubInfo(repo));
            graph.add(repository);
            graph.relate(Kinds.BELONGS_TO, repository, registry);
            for (List<ResolvedImage> images : kept) {
                addImages(repository, repo, images);
            }
        } catch (RuntimeException e) {
            error(repo, null, e);
        } finally {
            progress.repositoryDone();
        }
    }

    /**
     * The repository's tags. A catalog may list a repository whose tags were all deleted, which some registries then
     * answer with 404: that is an empty repository. A repository a selector names and the registry does not know
     * is an error.
     */
    private List<String> tags(String repo) {
        try {
            return api.tags(repo);
        } catch (CallFailedException e) {
            if (e.status() == 404 && fromCatalog) {
                return List.of();
            }
            throw e;
        }
    }

    /** Docker Hub's description, stars and pulls; a failure there is a warning, the images still count. */
    private Optional<HubMetadata.Info> hubInfo(String repo) {
        if (hub == null) {
            return Optional.empty();
        }
        try {
            return hub.of(repo);
        } catch (RuntimeException e) {
            log.warn(provider.name(), repo, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<List<ResolvedImage>> resolve(String repo, String tag) {
        try {
            List<ResolvedImage> images = resolver.resolve(repo, tag);
            return images.isEmpty() ? Optional.empty() : Optional.of(images);
        } catch (RuntimeException e) {
            error(repo, tag, e);
            return Optional.empty();
        } finally {
            progress.tagDone();
        }
    }

    private void addImages(Entity repository, String repo, List<ResolvedImage> images) {
        for (ResolvedImage img : images) {
            Optional<Entity> index = img.index().map(i -> entities.manifest(repo, i, ImageConfig.NONE, null, null));
            Entity manifest = entities.manifest(repo, img.manifest(), img.config(), img.os(), img.architecture());
            Object vulnerabilities = null;
            if (provider.discoverVulnerabilities()) {
                try {
                    List<dev.wharf.oci.Digest> subjects = new ArrayList<>(List.of(img.manifest().digest()));
                    img.index().map(Fetched::digest).ifPresent(subjects::add);
                    vulnerabilities = resolver.vulnerabilities(repo, subjects);
                } catch (RuntimeException e) {
                    error(repo, img.tag(), e);
                    vulnerabilities = Map.of("status", "error", "message", "could not read vulnerability reports");
                }
            }
            Entity image = entities.image(repo, img, vulnerabilities);
            graph.add(manifest);
            graph.add(image);
            graph.relate(Kinds.BELONGS_TO, manifest, repository);
            graph.relate(Kinds.BELONGS_TO, image, repository);
            graph.relate(Kinds.USES, image, manifest);
            index.ifPresent(i -> {
                graph.add(i);
                graph.relate(Kinds.BELONGS_TO, i, repository);
                graph.relate(Kinds.USES, image, i);
            });
        }
    }

    /** Newest creation time first (a tag's newest platform); tags without one last; then by tag name. */
    private static final Comparator<List<ResolvedImage>> NEWEST_FIRST = Comparator
            .comparing((List<ResolvedImage> l) -> l.stream().map(ResolvedImage::createdAt).flatMap(Optional::stream)
                    .max(Comparator.naturalOrder()).orElse(java.time.Instant.MIN), Comparator.reverseOrder())
            .thenComparing(l -> l.get(0).tag());

    private void error(String repo, String tag, RuntimeException e) {
        if (repo != null) {
            failedRepositories.add(repo);
        }
        progress.error();
        String message = e instanceof CallFailedException ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        log.error(provider.name(), repo, tag, message);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailedException("interrupted", 0);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
