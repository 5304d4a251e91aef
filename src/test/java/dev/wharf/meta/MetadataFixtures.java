package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Test data and helpers shared by the metadata contract tests. */
final class MetadataFixtures {

    static final RepositoryName REPO = RepositoryName.parse("team/app");
    static final RepositoryName OTHER = RepositoryName.parse("team/other");

    private MetadataFixtures() {
    }

    static Digest digest(String content) {
        return Digest.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    static ManifestRecord manifest(RepositoryName repo, String payload, List<Digest> blobs,
                                             List<Digest> children, Digest subject, String artifactType) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return new ManifestRecord(repo, Digest.sha256(bytes), "application/vnd.oci.image.manifest.v1+json", bytes,
                artifactType, subject, blobs.isEmpty() ? null : blobs.getFirst(), Map.of(), blobs, children, null);
    }

    static ManifestRecord image(RepositoryName repo, String payload, Digest... blobs) {
        return manifest(repo, payload, List.of(blobs), List.of(), null, null);
    }

    /** An image whose config and layer are linked into {@code repo} first. */
    static ManifestRecord linkedImage(MetadataStore store, RepositoryName repo, String name) {
        Digest config = digest(name + "-config");
        Digest layer = digest(name + "-layer");
        store.linkBlob(repo, config, 10);
        store.linkBlob(repo, layer, 20);
        return image(repo, "{\"image\":\"" + name + "\"}", config, layer);
    }

    static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(null); // String order = byte order for the ASCII names tags and repositories allow
        return copy;
    }

    /** Runs {@code task} on {@code threads} threads released at once; fails on the first exception. */
    static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Seeds test data from 4 threads (quicker on PostgreSQL, and one more concurrent workload). */
    static <T> void forEachInParallel(List<T> items, java.util.function.Consumer<T> action) throws Exception {
        int threads = 4;
        var next = new java.util.concurrent.atomic.AtomicInteger();
        concurrently(threads, () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                action.accept(items.get(i));
            }
            return null;
        });
    }
}
