package dev.wharf.clients;

import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.auth.accounts.DockerConfigFormat;
import dev.wharf.testing.AccountsRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * skopeo uses the Docker config JSON Wharf issues, unchanged, as its auth file: read-write credentials push,
 * read-only ones pull but may not push, and revoked ones are refused.
 */
@Tag("slow")
class DockerCredentialsClientTest {
    @TempDir
    Path tmp;

    @Test
    void skopeo_usesIssuedDockerConfig_readOnlyAndReadWrite() throws Exception {
        Cli.assumeInstalled("skopeo");
        try (AccountsRegistry registry = AccountsRegistry.start(tmp.resolve("data"))) {
            AccountServices accounts = registry.accounts();
            accounts.accounts().addUser(new Actor("root", null), "alice", "alice password", false);
            accounts.roleDirectory().grant(new Actor("root", null), "team", "alice", Role.WRITER);
            Path rw = authFile(registry, "rw.json", true);
            Path ro = authFile(registry, "ro.json", false);

            OciLayout src = OciLayout.create(tmp.resolve("src"));
            OciLayout.Image image = src.writeImage("linux", "amd64", Map.of("hello.txt", "hi".getBytes()), Map.of());
            src.tag("v1", image.manifest());
            String target = "docker://" + registry.hostPort() + "/team/app:v1";

            Cli.Result push = skopeo("copy", "--dest-tls-verify=false", "--dest-authfile", rw.toString(),
                    "oci:" + src.dir() + ":v1", target);
            assertThat(push.exitCode()).as(push.describe()).isZero();
            Cli.Result inspect = skopeo("inspect", "--raw", "--tls-verify=false", "--authfile", ro.toString(), target);
            assertThat(inspect.exitCode()).as(inspect.describe()).isZero();
            assertThat(inspect.stdout()).isEqualTo(image.manifest().bytes());
            Cli.Result refused = skopeo("copy", "--dest-tls-verify=false", "--dest-authfile", ro.toString(),
                    "oci:" + src.dir() + ":v1", "docker://" + registry.hostPort() + "/team/other:v1");
            assertThat(refused.exitCode()).as("read-only credentials may not push").isNotZero();
            assertThat(refused.describe()).containsIgnoringCase("denied");

            accounts.tokens().list("alice").forEach(t -> accounts.tokens().revoke(new Actor("root", null), t.id()));
            Cli.Result revoked = skopeo("inspect", "--raw", "--tls-verify=false", "--authfile", rw.toString(), target);
            assertThat(revoked.exitCode()).as("revoked credentials").isNotZero();
        }
    }

    private Path authFile(AccountsRegistry registry, String name, boolean readWrite) throws Exception {
        AccountServices a = registry.accounts();
        DockerCredentialIssuer.Issued issued = a.issuer().issue(a.accounts().principal("alice"), readWrite,
                Duration.ofHours(1));
        Path file = tmp.resolve(name);
        Files.writeString(file, DockerConfigFormat.dockerConfigJson(registry.hostPort(), issued.username(),
                issued.password()));
        return file;
    }

    private Cli.Result skopeo(String... args) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "--tmpdir", tmp.toString()));
        cmd.addAll(List.of(args));
        return Cli.run(cmd, Map.of(), Cli.DEFAULT_TIMEOUT);
    }
}
