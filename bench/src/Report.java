import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the figures of one run and writes them, with the machine and the targets, as Markdown. */
final class Report {
    private final Map<String, String> args;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(Map<String, String> args) {
        this.args = args;
    }

    /** One workload: both figures, Wharf/Distribution, and the target ratio when there is one. */
    void row(String workload, String unit, double wharf, double dist, boolean higherIsBetter, Double targetRatio) {
        double ratio = higherIsBetter ? wharf / dist : dist / wharf;
        String target = targetRatio == null ? "—"
                : String.format(Locale.ROOT, "≥ %.1f× Distribution: **%s**", targetRatio, ratio >= targetRatio ? "met" : "MISSED");
        rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f× | %s |", workload, unit, fmt(wharf), fmt(dist),
                ratio, target));
    }

    void monolithic(double wharf, double dist, long mib) {
        double dd = Double.parseDouble(args.get("dd-mbps"));
        double share = wharf / dd;
        rows.add(String.format(Locale.ROOT,
                "| Monolithic push, %d MiB blob (POST + PUT) | MB/s | %s | %s | %.2f× | ≥ 90%% of fsync'd dd (%s MB/s): %.0f%% **%s** |",
                mib, fmt(wharf), fmt(dist), wharf / dist, fmt(dd), share * 100, share >= 0.9 ? "met" : "MISSED"));
    }

    void pull(double wharf, double dist, double nginx, long mib) {
        boolean met = wharf >= dist && wharf >= 0.8 * nginx;
        rows.add(String.format(Locale.ROOT,
                "| Blob pull, %d MiB, one connection (nginx: %s MB/s) | MB/s | %s | %s | %.2f× | ≥ 1.0× Distribution and ≥ 80%% of nginx (%.0f%%): **%s** |",
                mib, fmt(nginx), fmt(wharf), fmt(dist), wharf / dist, 100 * wharf / nginx, met ? "met" : "MISSED"));
    }

    void manifest(String method, Load.Result wharf, Load.Result dist) {
        row("Manifest " + method + " by tag, 32 connections", "req/s", wharf.perSecond(), dist.perSecond(), true, 10.0);
        rows.add(String.format(Locale.ROOT, "| Manifest %s p99 latency (p50 %.2f / %.2f ms) | ms | %.2f | %.2f | %.1f× lower | — |",
                method, wharf.p50Ms(), dist.p50Ms(), wharf.p99Ms(), dist.p99Ms(), dist.p99Ms() / wharf.p99Ms()));
    }

    void catalog(double wharfMs, double distMs, int repos) {
        rows.add(String.format(Locale.ROOT,
                "| `_catalog` page (n=100, from the middle) at %,d repositories, median of 20 | ms | %.2f | %.2f | %.1f× lower | — |",
                repos, wharfMs, distMs, distMs / wharfMs));
    }

    void rss(Target wharf, Target dist) throws IOException {
        double w = peakRssMiB(wharf.pid());
        double d = peakRssMiB(dist.pid());
        rows.add(String.format(Locale.ROOT, "| Peak RSS over the whole run (VmHWM) | MiB | %.0f | %.0f | — | Wharf ≤ 256 MiB: **%s** |",
                w, d, w <= 256 ? "met" : "MISSED"));
    }

    static double peakRssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmHWM for " + pid);
    }

    void write(Path out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Wharf vs CNCF Distribution: benchmark results\n\n");
        md.append("Written by `bench/run` (see `bench/README.md`). All figures come from one run, on loopback, with ")
                .append("filesystem storage in one temporary directory; MB = 10⁶ bytes.\n\n");
        md.append("- Date: ").append(args.getOrDefault("date", "?")).append('\n');
        md.append("- Machine: ").append(args.getOrDefault("machine", "?")).append('\n');
        md.append("- Load average (1, 5, 15 min) before / after the run: ").append(args.getOrDefault("load-before", "?"))
                .append(" / ").append(loadNow()).append('\n');
        md.append("- Servers: Wharf ").append(args.getOrDefault("wharf-version", "")).append(" (`bin/wharf serve`, default JVM options), ")
                .append(args.getOrDefault("dist-version", "Distribution")).append(" (`docker-registry serve`, inmemory blob descriptor cache, access log off), ")
                .append(args.getOrDefault("nginx-version", "nginx")).append(" (sendfile on) serving Wharf's stored blob file\n");
        md.append("- Disk: `dd if=/dev/zero bs=8M count=64 conv=fdatasync` wrote **").append(args.get("dd-mbps"))
                .append(" MB/s** in this run. Wharf fsyncs every blob before acknowledging it; Distribution does not.\n\n");
        md.append("| Workload | Unit | Wharf | Distribution | Ratio | Target |\n|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        Path notes = args.containsKey("notes-file") ? Path.of(args.get("notes-file")) : null;
        if (notes != null && Files.isRegularFile(notes)) {
            md.append('\n').append(Files.readString(notes));
        }
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out);
    }

    private static String loadNow() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
