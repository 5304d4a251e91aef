import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The side-by-side load driver: runs every workload against Wharf and then, right after, against Distribution,
 * and hands the figures to {@link Report}. Servers are started and stopped by {@code bench/run}.
 *
 * <pre>java Bench --wharf host:port:pid --dist host:port:pid --nginx host:port --nginx-root DIR
 *            --dd-mbps N --out RESULTS.md [--quick]</pre>
 */
public final class Bench {
    static final double MB = 1e6;
    static final long MiB = 1 << 20;

    private final Map<String, String> args;
    private final boolean quick;
    private final Report report;

    Bench(Map<String, String> args) {
        this.args = args;
        this.quick = args.containsKey("quick");
        this.report = new Report(args);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String key = argv[i].replaceFirst("^--", "");
            args.put(key, i + 1 < argv.length && !argv[i + 1].startsWith("--") ? argv[++i] : "true");
        }
        new Bench(args).run();
    }

    void run() throws Exception {
        Target wharf = Target.parse("Wharf", args.get("wharf"));
        Target dist = Target.parse("Distribution", args.get("dist"));
        Target nginx = Target.parse("nginx", args.get("nginx"));
        List<Target> registries = List.of(wharf, dist);

        long bigSize = (quick ? 64 : 512) * MiB;
        Payload big = Payload.random(1, bigSize, 8 << 20);
        double[] push = new double[2];
        for (int s = 0; s < 2; s++) {
            try (Registry r = new Registry(registries.get(s))) {
                long t0 = System.nanoTime();
                r.pushBlob("bench/big", big);
                push[s] = big.length() / MB / seconds(t0);
            }
            log(registries.get(s), "monolithic push", push[s], "MB/s");
        }
        report.monolithic(push[0], push[1], bigSize / MiB);

        if (want("chunked")) {
            chunked();
        }
        if (want("many")) {
            report.row("64 × 1 MiB blob pushes, 8 workers (median of 3 rounds)", "MB/s",
                    manyBlobs(wharf, 10), manyBlobs(dist, 20), true, 3.0);
        }
        if (want("pull")) {
            pulls(wharf, dist, nginx, big);
        }
        if (want("manifest")) {
            manifests(wharf, dist);
        }
        double seconds = quick ? 3 : 10;
        if (want("small")) {
            report.row("Small-image pushes (2 blobs + manifest), 8 workers, " + (int) seconds + " s", "images/s",
                    smallImages(wharf, seconds), smallImages(dist, seconds), true, 3.0);
        }
        if (want("catalog")) {
            catalog(wharf, dist, quick ? 1000 : 10_000);
        }
        report.rss(wharf, dist);
        report.write(Path.of(args.get("out")));
    }

    /** True unless {@code --only a,b} leaves the workload out (for trying one workload quickly). */
    private boolean want(String workload) {
        return !args.containsKey("only") || List.of(args.get("only").split(",")).contains(workload);
    }

    private void chunked() throws Exception {
        List<Target> registries = List.of(Target.parse("Wharf", args.get("wharf")), Target.parse("Distribution", args.get("dist")));
        Payload chunked = Payload.random(2, (quick ? 32 : 256) * MiB, 8 << 20);
        double[] chunk = new double[2];
        for (int s = 0; s < 2; s++) {
            try (Registry r = new Registry(registries.get(s))) {
                long t0 = System.nanoTime();
                r.pushChunked("bench/chunked", chunked, 8 * MiB);
                chunk[s] = chunked.length() / MB / seconds(t0);
            }
            log(registries.get(s), "chunked push", chunk[s], "MB/s");
        }
        report.row("Chunked push, " + chunked.length() / MiB + " MiB in 8 MiB chunks", "MB/s", chunk[0], chunk[1], true, null);
    }

    /** 64 blobs of 1 MiB, unique per round and server, pushed by 8 workers; median MB/s of 3 rounds. */
    double manyBlobs(Target target, long seedBase) throws Exception {
        double[] rounds = new double[3];
        for (int round = 0; round < 3; round++) {
            Payload[] blobs = new Payload[64];
            for (int i = 0; i < 64; i++) {
                blobs[i] = Payload.random(seedBase * 1000 + round * 100 + i, MiB, (int) MiB);
            }
            Registry[] conns = connections(target, 8);
            double secs = Load.parallel(8, 64, (w, i) -> conns[w].pushBlob("bench/many", blobs[i]));
            close(conns);
            rounds[round] = 64 * MiB / MB / secs;
        }
        Arrays.sort(rounds);
        log(target, "64 x 1 MiB", rounds[1], "MB/s");
        return rounds[1];
    }

    /** The 512 MiB blob, pulled whole 3 times on one connection from each server; the median run. */
    void pulls(Target wharf, Target dist, Target nginx, Payload big) throws Exception {
        String hex = big.digest.substring("sha256:".length());
        Path root = Path.of(args.get("nginx-root"));
        Path file;
        try (Stream<Path> files = Files.walk(root)) {
            file = files.filter(p -> p.getFileName().toString().equals(hex)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("blob file not found under " + root));
        }
        String nginxPath = "/" + root.relativize(file).toString();
        String v2Path = "/v2/bench/big/blobs/" + big.digest;
        double w = pull(wharf, v2Path, big.length());
        double d = pull(dist, v2Path, big.length());
        double n = pull(nginx, nginxPath, big.length());
        report.pull(w, d, n, big.length() / MiB);
    }

    private double pull(Target target, String path, long size) throws Exception {
        double[] runs = new double[3];
        try (Registry r = new Registry(target)) {
            r.pull(path); // warm: JIT, page cache
            for (int i = 0; i < runs.length; i++) {
                long t0 = System.nanoTime();
                long n = r.pull(path);
                runs[i] = n / MB / seconds(t0);
                if (n != size) {
                    throw new IllegalStateException(target.name() + " sent " + n + " bytes, not " + size);
                }
            }
        }
        Arrays.sort(runs);
        log(target, "pull", runs[1], "MB/s");
        return runs[1];
    }

    /** GET and HEAD of one manifest by tag on 32 keep-alive connections: 2 s warm-up, then 8 s measured. */
    void manifests(Target wharf, Target dist) throws Exception {
        Payload config = Payload.of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}"
                .getBytes(StandardCharsets.UTF_8));
        Payload layer = Payload.random(3, 4096, 4096);
        byte[] manifest = Registry.manifest(config, layer);
        for (Target t : List.of(wharf, dist)) {
            try (Registry r = new Registry(t)) {
                r.pushBlobIfMissing("bench/manifest", config);
                r.pushBlobIfMissing("bench/manifest", layer);
                r.putManifest("bench/manifest", "latest", manifest);
            }
        }
        double warm = quick ? 1 : 2;
        double secs = quick ? 3 : 8;
        for (String method : List.of("GET", "HEAD")) {
            Load.Result[] res = new Load.Result[2];
            List<Target> targets = List.of(wharf, dist);
            for (int s = 0; s < 2; s++) {
                res[s] = Load.run(targets.get(s), 32, warm, secs, conn -> {
                    HttpConn.Resp resp = conn.request(method, "/v2/bench/manifest/manifests/latest", null, false,
                            "Accept", Registry.ACCEPT);
                    if (resp.status() != 200 || !"HEAD".equals(method) && resp.bodyLength() != manifest.length) {
                        throw new IllegalStateException("manifest " + method + ": HTTP " + resp.status());
                    }
                });
                log(targets.get(s), "manifest " + method, res[s].perSecond(), "req/s, p99 " + res[s].p99Ms() + " ms");
            }
            report.manifest(method, res[0], res[1]);
        }
    }

    /** Images of a unique 32 KiB layer and config plus a manifest, each blob HEAD-checked first, as clients do. */
    double smallImages(Target target, double seconds) throws Exception {
        Registry[] conns = connections(target, 8);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int[] done = new int[8];
        long t0 = System.nanoTime();
        double elapsed = Load.parallel(8, Integer.MAX_VALUE, (w, i) -> {
            if (System.nanoTime() >= deadline) {
                throw new Done();
            }
            long seed = (long) target.port() << 32 | i;
            Payload layer = Payload.random(seed, 32 * 1024, 32 * 1024);
            Payload config = Payload.of(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"" + seed + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            String repo = "bench/small-" + w;
            conns[w].pushBlobIfMissing(repo, layer);
            conns[w].pushBlobIfMissing(repo, config);
            conns[w].putManifest(repo, "v" + i, Registry.manifest(config, layer));
            done[w]++;
        }, Done.class);
        close(conns);
        double perSecond = Arrays.stream(done).sum() / elapsed;
        log(target, "small images", perSecond, "images/s");
        return perSecond;
    }

    /** Thrown by a worker to stop once its time is up. */
    static final class Done extends RuntimeException {
        Done() {
            super(null, null, false, false);
        }
    }

    /** Creates {@code repos} repositories (one cross-repository mount each), then times one catalog page. */
    void catalog(Target wharf, Target dist, int repos) throws Exception {
        Payload config = Payload.of("{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
        double[] page = new double[2];
        List<Target> targets = List.of(wharf, dist);
        for (int s = 0; s < 2; s++) {
            Target t = targets.get(s);
            try (Registry r = new Registry(t)) {
                r.pushBlobIfMissing("catalog/seed", config);
            }
            Registry[] conns = connections(t, 16);
            double secs = Load.parallel(16, repos, (w, i) -> {
                String repo = String.format("catalog/r%05d", i);
                conns[w].mount(repo, "catalog/seed", config.digest);
            });
            close(conns);
            log(t, "created " + repos + " repositories in", secs, "s");
            String last = String.format("catalog/r%05d", repos / 2);
            long[] times = new long[21];
            try (Registry r = new Registry(t)) {
                for (int i = 0; i < times.length; i++) {
                    long t0 = System.nanoTime();
                    HttpConn.Resp resp = Registry.expect(r.conn.request("GET", "/v2/_catalog?n=100&last=" + last, null,
                            true), 200, "catalog");
                    times[i] = System.nanoTime() - t0;
                    if (!resp.text().contains(String.format("catalog/r%05d", repos / 2 + 1))) {
                        throw new IllegalStateException(t.name() + " catalog page is wrong: " + resp.text());
                    }
                }
            }
            Arrays.sort(times, 1, times.length); // the first request is a warm-up
            page[s] = times[11] / 1e6;
            log(t, "catalog page", page[s], "ms");
        }
        report.catalog(page[0], page[1], repos);
    }

    private static Registry[] connections(Target t, int n) {
        Registry[] conns = new Registry[n];
        for (int i = 0; i < n; i++) {
            conns[i] = new Registry(t);
        }
        return conns;
    }

    private static void close(Registry[] conns) {
        for (Registry r : conns) {
            r.close();
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void log(Target t, String what, double value, String unit) {
        System.out.printf("%-12s %-32s %10.1f %s%n", t.name(), what, value, unit);
    }
}
