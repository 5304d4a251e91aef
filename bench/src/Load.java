import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one request in a loop on N connections for a fixed time and reports requests/s and latency percentiles. */
final class Load {
    /** Sends one request on {@code conn} and checks the answer. */
    interface Call {
        void run(HttpConn conn) throws Exception;
    }

    record Result(double perSecond, double p50Ms, double p99Ms, long requests) {
    }

    static Result run(Target target, int connections, double warmupSeconds, double seconds, Call call)
            throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        List<long[]> latencies = new ArrayList<>();
        long[] counts = new long[connections];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            long[] lat = new long[1 << 20];
            latencies.add(lat);
            int index = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try (HttpConn conn = new HttpConn(target.host(), target.port())) {
                    int n = 0;
                    long now = System.nanoTime();
                    while (now < end && failure.get() == null) {
                        long t0 = now;
                        call.run(conn);
                        now = System.nanoTime();
                        if (t0 >= measureFrom && n < lat.length) {
                            lat[n++] = now - t0;
                        }
                    }
                    counts[index] = n;
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(target.name() + ": " + failure.get(), failure.get());
        }
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (int t = 0; t < connections; t++) {
            System.arraycopy(latencies.get(t), 0, all, k, (int) counts[t]);
            k += (int) counts[t];
        }
        Arrays.sort(all);
        return new Result(total / seconds, percentile(all, 0.50), percentile(all, 0.99), total);
    }

    static double percentile(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(q * sortedNanos.length) - 1)] / 1e6;
    }

    /** Runs {@code work(i)} for i in [0, count) on {@code workers} threads; returns the elapsed seconds. */
    interface Indexed {
        void run(int worker, int i) throws Exception;
    }

    static double parallel(int workers, int count, Indexed work) throws Exception {
        return parallel(workers, count, work, null);
    }

    /** As above; a worker throwing {@code stop} just ends (its time is up). */
    static double parallel(int workers, int count, Indexed work, Class<? extends Throwable> stop) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i; failure.get() == null && (i = next.getAndIncrement()) < count; ) {
                        work.run(worker, i);
                    }
                } catch (Throwable e) {
                    if (stop == null || !stop.isInstance(e)) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get().toString(), failure.get());
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
