package dev.wharf.discovery;

import dev.wharf.discovery.Pusher.Image;
import dev.wharf.oci.Digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The content discovery tests push, and what they expect back: team/app (four tags, two sharing a manifest),
 * team/multi (an index of linux/amd64 and linux/arm64/v8 plus an attestation), tools/scanner (Docker schema 2).
 */
final class Inventory {
    static final String SARIF = """
            {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"scanner","rules":[
              {"id":"CVE-1","properties":{"security-severity":"9.8"}},
              {"id":"CVE-2","properties":{"security-severity":"7.5"}},
              {"id":"CVE-3"},{"id":"CVE-4"}]}},
             "results":[{"ruleId":"CVE-1","ruleIndex":0,"level":"error"},{"ruleId":"CVE-2","ruleIndex":1,"level":"error"},
               {"ruleId":"CVE-3","level":"warning"},{"ruleId":"CVE-4","level":"note"}]}]}""";
    static final String TRIVY = """
            {"SchemaVersion":2,"Results":[{"Target":"app","Vulnerabilities":[
              {"VulnerabilityID":"CVE-A","Severity":"CRITICAL"},{"VulnerabilityID":"CVE-B","Severity":"HIGH"},
              {"VulnerabilityID":"CVE-C","Severity":"HIGH"},{"VulnerabilityID":"CVE-D","Severity":"LOW"},
              {"VulnerabilityID":"CVE-E","Severity":"UNKNOWN"}]}]}""";

    final List<Image> app = new ArrayList<>();
    Image latest;
    Image amd64;
    Image arm64;
    Digest index;
    byte[] indexPayload;
    final List<Image> scanner = new ArrayList<>();

    /** Pushes everything; with {@code reports}, attaches SARIF to team/app:2.0, Trivy to multi's amd64, an SBOM to 1.1. */
    static Inventory push(Pusher p, boolean reports) {
        return push(p, reports, false);
    }

    /** As {@link #push(Pusher, boolean)}; {@code referrersTags} also writes the fallback tag indexes. */
    static Inventory push(Pusher p, boolean reports, boolean referrersTags) {
        Inventory inv = new Inventory();
        inv.app.add(p.image("team/app", "1.0", Pusher.OCI_MANIFEST, "2024-01-01T00:00:00Z",
                Map.of("version", "1.0", "team", "core"), "linux", "amd64", "app layer 1.0"));
        inv.app.add(p.image("team/app", "1.1", Pusher.OCI_MANIFEST, "2024-02-01T00:00:00Z",
                Map.of("version", "1.1", "team", "core"), "linux", "amd64", "app layer 1.1"));
        Image two = p.image("team/app", "2.0", Pusher.OCI_MANIFEST, "2024-03-01T00:00:00Z",
                Map.of("version", "2.0"), "linux", "amd64", "app base 2.0", "app layer 2.0");
        inv.app.add(two);
        p.manifest("team/app", "latest", Pusher.OCI_MANIFEST, two.manifest());
        inv.latest = new Image("team/app", "latest", two.digest(), two.manifest(), two.config(), two.size(),
                two.layers(), two.created(), two.labels(), two.os(), two.arch());

        inv.amd64 = p.image("team/multi", null, Pusher.OCI_MANIFEST, "2024-04-01T00:00:00Z",
                Map.of("org.opencontainers.image.title", "multi"), "linux", "amd64", "multi amd64");
        inv.arm64 = p.image("team/multi", null, Pusher.OCI_MANIFEST, "2024-04-02T00:00:00Z",
                Map.of("org.opencontainers.image.title", "multi"), "linux", "arm64", "multi arm64");
        Pusher.Ref attestation = p.referrer("team/multi", inv.amd64.digest(), inv.amd64.manifest().length,
                "application/vnd.in-toto+json", "application/vnd.in-toto+json", "{}".getBytes(StandardCharsets.UTF_8));
        inv.indexPayload = p.index("team/multi", "1.0", List.of(inv.amd64, inv.arm64), attestation.digest(),
                attestation.size());
        inv.index = Digest.sha256(inv.indexPayload);

        inv.scanner.add(p.image("tools/scanner", "v1", Pusher.DOCKER_MANIFEST, "2023-06-01T00:00:00Z",
                Map.of(), "linux", "amd64", "scanner v1"));
        inv.scanner.add(p.image("tools/scanner", "v2", Pusher.DOCKER_MANIFEST, "2023-07-01T00:00:00Z",
                Map.of("maintainer", "ops"), "linux", "arm64", "scanner v2"));
        if (reports) {
            Pusher.Ref sarif = p.referrer("team/app", two.digest(), two.manifest().length, "application/sarif+json",
                    "application/sarif+json", SARIF.getBytes(StandardCharsets.UTF_8));
            Pusher.Ref trivy = p.referrer("team/multi", inv.amd64.digest(), inv.amd64.manifest().length,
                    "application/vnd.aquasecurity.trivy.report+json", "application/json",
                    TRIVY.getBytes(StandardCharsets.UTF_8));
            Pusher.Ref sbom = p.referrer("team/app", inv.app.get(1).digest(), inv.app.get(1).manifest().length,
                    "application/spdx+json", "application/spdx+json", "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8));
            if (referrersTags) {
                p.referrersTag("team/app", two.digest(), List.of(sarif));
                p.referrersTag("team/multi", inv.amd64.digest(), List.of(attestation, trivy));
                p.referrersTag("team/app", inv.app.get(1).digest(), List.of(sbom));
            }
        }
        return inv;
    }

    /** Every image, as discovery should report it with no selector: name suffix to image. */
    List<Image> allTaggedImages() {
        List<Image> all = new ArrayList<>(app);
        all.add(latest);
        all.addAll(scanner);
        return all;
    }
}
