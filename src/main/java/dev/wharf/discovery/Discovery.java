package dev.wharf.discovery;

import dev.wharf.discovery.client.Authorizer;
import dev.wharf.discovery.client.Backoff;
import dev.wharf.discovery.client.Credentials;
import dev.wharf.discovery.client.HubMetadata;
import dev.wharf.discovery.client.RegistryApi;
import dev.wharf.discovery.client.Retrier;
import dev.wharf.discovery.config.DiscoveryConfig;
import dev.wharf.discovery.config.ProviderConfig;
import dev.wharf.discovery.graph.Graph;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

/** A discovery run over every provider of a config, one after the other, into one graph. */
public final class Discovery {
    private final DiscoveryConfig config;
    private final Clock clock;

    public Discovery(DiscoveryConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** What a run found, what went wrong, and how far each provider got. */
    public record Result(Graph graph, List<ProviderOutcome> outcomes, List<Problem> warnings, List<Problem> errors,
                         long repositories, long tags, long retries) {
        public boolean failed() {
            return !errors.isEmpty();
        }
    }

    public Result run(RunLog log, Progress progress) {
        Graph graph = new Graph();
        List<ProviderOutcome> outcomes = new ArrayList<>();
        long retries = 0;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProviderConfig p : config.providers()) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(p.timeout())
                        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                        .executor(executor).build();
                Retrier retrier = new Retrier(http, p.timeout(), p.retries(),
                        new Backoff(RandomGenerator.getDefault()), p.concurrency(), clock);
                RegistryApi api = new RegistryApi(p.apiUrl(), retrier, new Authorizer(retrier, Credentials.of(p), clock),
                        p.pageSize());
                outcomes.add(new ProviderDiscovery(p, api, new TagResolver(api),
                        new EntityFactory(p, config.labelPrefix()), graph, log, progress, executor,
                        p.hubApiUrl() == null ? null : new HubMetadata(p.hubApiUrl(), retrier)).run());
                retries += retrier.retried();
            }
        }
        return new Result(graph, outcomes, log.warnings(), log.errors(), progress.repositoriesDone(),
                progress.tagsDone(), retries);
    }
}
