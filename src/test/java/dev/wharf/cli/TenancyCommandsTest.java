package dev.wharf.cli;

import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wharf registry|repo|subscription|apply} in-process, on a real data directory. */
class TenancyCommandsTest {
    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Main.commandLine(Map.of(), List::of, server -> { });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int wharf(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = dir.toString();
        return run(all);
    }

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void registryCreatedFromTheCli_makesAnExistingOwnerItsAdmin_andDeleteDropsTheGrant() {
        assertThat(wharf("robot", "create", "ci")).as(err.toString()).isZero();
        assertThat(wharf("registry", "create", "builds", "--owner", "ci")).as(err.toString()).isZero();
        assertThat(wharf("role", "list", "--registry", "builds")).isZero();
        assertThat(out.toString()).containsPattern("builds\\s+ci\\s+admin");
        assertThat(wharf("registry", "delete", "builds")).as(err.toString()).isZero();
        assertThat(wharf("role", "list", "--registry", "builds")).isZero();
        assertThat(out.toString()).doesNotContain("ci");
    }

    @Test
    void registry_createGetListOptionsDelete() {
        assertThat(wharf("registry", "create", "team", "--tier", "starter", "--owner", "alice")).as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("name:    team", "tier:    starter", "owner:   alice");
        assertThat(run("registry", "--data", dir.toString(), "get", "team")).isZero(); // options before the verb too
        assertThat(out.toString()).contains("region:  local");
        assertThat(wharf("registry", "list")).isZero();
        assertThat(out.toString()).contains("team", "starter", "alice");
        assertThat(wharf("registry", "options", "--owner", "alice")).isZero();
        assertThat(out.toString()).contains("regions: local", "starter", "professional", "unlimited");
        assertThat(wharf("registry", "create", "Bad_Name")).isEqualTo(1);
        assertThat(err.toString()).contains("lowercase letters, digits and hyphens");
        assertThat(wharf("registry", "create", "team")).isEqualTo(1);
        assertThat(err.toString()).contains("already taken");
        assertThat(wharf("registry", "create", "capped", "--tier", "starter", "--storage-quota", "10")).isEqualTo(1);
        assertThat(err.toString()).contains("storage_quota_bytes needs a tier that allows storage overage");
        assertThat(wharf("subscription", "get", "--owner", "alice")).isZero();
        assertThat(out.toString()).contains("tier starter");
        assertThat(wharf("subscription", "set", "professional", "--owner", "alice")).isZero();
        assertThat(wharf("registry", "delete", "team")).isZero();
        assertThat(wharf("registry", "get", "team")).isEqualTo(1);
        assertThat(err.toString()).contains("registry team not found");
    }

    @Test
    void usage_recomputeReportsExactLiveFigures() {
        assertThat(wharf("registry", "create", "used", "--tier", "basic")).isZero();
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("wharf.db"), null, null)) {
            meta.linkBlob(RepositoryName.parse("used/a"), Digest.sha256("x".getBytes(StandardCharsets.UTF_8)), 700);
            meta.linkBlob(RepositoryName.parse("used/b"), Digest.sha256("x".getBytes(StandardCharsets.UTF_8)), 700);
            meta.linkBlob(RepositoryName.parse("used/b"), Digest.sha256("y".getBytes(StandardCharsets.UTF_8)), 300);
        }
        assertThat(wharf("registry", "usage", "used", "--recompute")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("the live figures were exact", "1000 bytes stored", "used/a", "used/b");
    }

    @Test
    void repo_listTagsManifestsDelete_onAServersData() throws Exception {
        Path root;
        try (TestRegistry server = TestRegistry.start()) {
            root = server.root();
            assertThat(run("registry", "create", "shop", "--data", root.toString())).as(err.toString()).isZero();
            server.client().pushImage("shop/web", "1.0", "web layer".getBytes(StandardCharsets.UTF_8));
            server.client().pushImage("shop/team/api", "2.0", "api layer".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(run("repo", "list", "shop", "--data", root.toString())).isZero();
        assertThat(out.toString()).contains("shop/team/api", "shop/web", "tags 1, manifests 1");
        assertThat(run("repo", "tags", "shop", "team/api", "--data", root.toString())).isZero();
        assertThat(out.toString()).contains("2.0", "sha256:");
        assertThat(run("repo", "manifests", "shop", "web", "--data", root.toString())).isZero();
        assertThat(out.toString()).contains("sha256:", "1.0");
        assertThat(run("repo", "delete", "shop", "web", "--tag", "1.0", "--data", root.toString())).isZero();
        assertThat(run("repo", "tags", "shop", "web", "--data", root.toString())).isZero();
        assertThat(out.toString()).doesNotContain("1.0");
        assertThat(run("repo", "delete", "shop", "team/api", "--data", root.toString())).isZero();
        assertThat(run("repo", "list", "shop", "--data", root.toString())).isZero();
        assertThat(out.toString()).doesNotContain("team/api");
        assertThat(run("repo", "delete", "shop", "nope", "--data", root.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not found");
    }

    @Test
    void apply_wharfForm_createsThenIsIdempotent_andRefusesImmutableChange() throws IOException {
        Path f = file("wharf.yaml", """
                registries:
                  - name: alpha
                    tier: basic
                    owner: alice
                    storage_quota_bytes: 10000000
                  - name: beta
                    tier: professional
                    region: local
                    garbage_collection_enabled: false
                """);
        assertThat(wharf("apply", "-f", f.toString(), "--dry-run")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("+ create registry alpha", "+ create registry beta",
                "Plan: 2 to create, 0 to change, 0 unchanged.", "Dry run");
        assertThat(wharf("registry", "get", "alpha")).isEqualTo(1);

        assertThat(wharf("apply", "-f", f.toString())).isZero();
        assertThat(out.toString()).contains("Applied.");
        assertThat(wharf("registry", "get", "alpha")).isZero();
        assertThat(out.toString()).contains("owner:   alice", "quota:   10000000");

        assertThat(wharf("apply", "-f", f.toString())).isZero();
        assertThat(out.toString()).contains("= registry alpha is up to date", "Plan: 0 to create, 0 to change, 2 unchanged.",
                "Nothing to do.");

        Path changed = file("changed.yaml", """
                registries:
                  - name: alpha
                    tier: professional
                  - name: beta
                    region: nyc3
                """);
        assertThat(wharf("apply", "-f", changed.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("registry beta: region is immutable", "nothing was applied");
        assertThat(wharf("registry", "get", "alpha")).isZero();
        assertThat(out.toString()).contains("tier:    basic");

        Path upgrade = file("upgrade.yaml", "registries: [{name: alpha, tier: professional}]\n");
        assertThat(wharf("apply", "-f", upgrade.toString())).isZero();
        assertThat(out.toString()).contains("~ update registry alpha: tier: basic -> professional", "Applied.");
    }

    @Test
    void apply_digitalOceanForm() throws IOException {
        Path f = file("do.yaml", """
                apiVersion: v1
                kind: DigitalOceanContainerRegistry
                metadata: {name: ignored}
                spec:
                  name: do-reg
                  subscription_tier: STARTER
                  region: local
                  garbage_collection_enabled: true
                """);
        assertThat(wharf("apply", "-f", f.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("+ create registry do-reg (tier starter, region local");
        assertThat(wharf("apply", "-f", f.toString())).isZero();
        assertThat(out.toString()).contains("Plan: 0 to create, 0 to change, 1 unchanged.");
        Files.writeString(f, Files.readString(f).replace("region: local", "region: sfo3"));
        assertThat(wharf("apply", "-f", f.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("region is immutable");
        Files.writeString(f, Files.readString(f).replace("kind: DigitalOceanContainerRegistry", "kind: Droplet"));
        assertThat(wharf("apply", "-f", f.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("unknown kind Droplet");
    }

    @Test
    void apply_flatForm_quotaOnlyWhereTheTierAllowsIt() throws IOException {
        Path f = file("flat.yaml", """
                name: flat-reg
                region: local
                subscription_tier: basic
                storage_quota_bytes: 2147483648
                """);
        assertThat(wharf("apply", "-f", f.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("+ create registry flat-reg", "storage_quota_bytes 2147483648");
        assertThat(wharf("apply", "-f", f.toString())).isZero();
        assertThat(out.toString()).contains("1 unchanged");
        Path starter = file("starter.yaml", "{name: flat-two, subscription_tier: starter, storage_quota_bytes: 5}\n");
        assertThat(wharf("apply", "-f", starter.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("storage_quota_bytes needs a tier that allows storage overage",
                "tier starter");
        Path typo = file("typo.yaml", "{name: flat-three, subscription_tierr: basic}\n");
        assertThat(wharf("apply", "-f", typo.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("unknown field subscription_tierr");
        Path bad = file("bad.yaml", "name: [unclosed\n");
        assertThat(wharf("apply", "-f", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not valid YAML");
        assertThat(wharf("registry", "get", "flat-two")).isEqualTo(1);
    }
}
