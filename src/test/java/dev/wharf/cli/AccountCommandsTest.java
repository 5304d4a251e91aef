package dev.wharf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wharf.auth.Action;
import dev.wharf.auth.Principal;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.meta.JdbcMetadataStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The account commands driven through {@link Main} in-process against a temporary data directory. */
class AccountCommandsTest {
    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private final InputStream stdin = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private int run(String... args) {
        return runWith(Map.of(), args);
    }

    private int runWith(Map<String, String> env, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Main.commandLine(env, List::of, server -> { });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int withStdin(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return run(args);
    }

    private String data() {
        return dir.toString();
    }

    private <T> T services(Function<AccountServices, T> f) {
        try (JdbcMetadataStore store = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("wharf.db"), null, null)) {
            return f.apply(AccountServices.create(store));
        }
    }

    private Optional<Principal> verify(String user, String secret) {
        return this.<Optional<Principal>>services(s -> s.verifier().verify(user, secret));
    }

    private java.util.Set<Action> allowed(Principal p, String repository) {
        return this.<java.util.Set<Action>>services(s -> s.policy().allowed(p, repository, EnumSet.allOf(Action.class)));
    }

    private List<dev.wharf.auth.accounts.AccessToken> tokens(String owner) {
        return this.<List<dev.wharf.auth.accounts.AccessToken>>services(s -> s.tokens().list(owner));
    }

    private String lastLine() {
        String[] lines = out.toString().strip().split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void user_addListPasswdRemove() {
        assertThat(withStdin("s3cret-pass\n", "user", "add", "alice", "--admin", "--password-stdin", "--data", data()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("added user alice (instance admin)");
        assertThat(withStdin("other-pass\n", "user", "add", "bob", "--password-stdin", "--data", data())).isZero();

        assertThat(run("user", "list", "--data", data())).isZero();
        assertThat(out.toString()).containsPattern("alice +yes").containsPattern("bob +no");
        assertThat(verify("alice", "s3cret-pass")).isPresent();

        assertThat(withStdin("changed-pass\n", "user", "passwd", "alice", "--password-stdin", "--data", data()))
                .isZero();
        assertThat(verify("alice", "s3cret-pass")).isEmpty();
        assertThat(verify("alice", "changed-pass")).isPresent();

        assertThat(run("user", "remove", "bob", "--data", data())).isZero();
        assertThat(run("user", "list", "--data", data())).isZero();
        assertThat(out.toString()).doesNotContain("bob");
    }

    @Test
    void user_badInputs_clearErrors_nothingChanged() {
        assertThat(withStdin("s3cret-pass\n", "user", "add", "alice", "--password-stdin", "--data", data())).isZero();

        assertThat(withStdin("another-pass\n", "user", "add", "alice", "--password-stdin", "--data", data()))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("wharf: an account named \"alice\" already exists"
                + System.lineSeparator());
        assertThat(withStdin("another-pass\n", "user", "add", "Al!ce", "--password-stdin", "--data", data()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("wharf: invalid account name \"Al!ce\"");
        assertThat(withStdin("short\n", "user", "add", "carol", "--password-stdin", "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("at least 8 characters");
        assertThat(withStdin("", "user", "add", "carol", "--password-stdin", "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("no password on standard input");
        assertThat(withStdin("whatever-pass\n", "user", "passwd", "nobody", "--password-stdin", "--data", data()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("wharf: no user named \"nobody\"");
        assertThat(run("user", "remove", "nobody", "--data", data())).isEqualTo(1);
        assertThat(run("user", "add", "carol", "--data", data())).as("no terminal in tests").isEqualTo(2);
        assertThat(err.toString()).contains("use --password-stdin");

        assertThat(run("user", "list", "--data", data())).isZero();
        assertThat(out.toString()).contains("alice").doesNotContain("carol");
        assertThat(verify("alice", "s3cret-pass")).isPresent();
    }

    @Test
    void robot_createPrintsSecretOnce_withRoles() {
        assertThat(run("robot", "create", "ci", "--role", "team=writer", "--role", "web=reader",
                "--description", "build bot", "--data", data())).as(err.toString()).isZero();
        String secret = lastLine();
        assertThat(secret).matches("[A-Za-z0-9]{40}");

        Optional<Principal> robot = services(s -> s.verifier().verify("ci", secret));
        assertThat(robot).contains(new Principal("ci", Principal.Kind.ROBOT, null));
        assertThat(allowed(robot.get(), "team/app"))
                .containsExactlyInAnyOrder(Action.PULL, Action.PUSH);

        assertThat(run("robot", "list", "--data", data())).isZero();
        assertThat(out.toString()).contains("ci", "team=writer", "web=reader", "build bot").doesNotContain(secret);
        assertThat(run("robot", "create", "ci2", "--role", "team=owner", "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("--role: expected REGISTRY=ROLE");
        assertThat(run("robot", "create", "ci", "--data", data())).isEqualTo(1);
        assertThat(err.toString()).contains("already exists");
        assertThat(run("robot", "remove", "ci", "--data", data())).isZero();
        assertThat(verify("ci", secret)).isEmpty();
    }

    @Test
    void token_createListRevoke() {
        withStdin("s3cret-pass\n", "user", "add", "alice", "--password-stdin", "--data", data());
        assertThat(run("role", "grant", "team", "alice", "writer", "--data", data())).isZero();

        assertThat(run("token", "create", "--user", "alice", "--name", "laptop", "--scope", "team/*:pull",
                "--scope", "team/app:push", "--api-scope", "registry:read", "--expires", "30d", "--data", data()))
                .as(err.toString()).isZero();
        String token = lastLine();
        assertThat(token).startsWith("wharf_pat_");
        Principal p = services(s -> s.verifier().verify("whoever", token)).orElseThrow();
        assertThat(allowed(p, "team/app"))
                .containsExactlyInAnyOrder(Action.PULL, Action.PUSH);
        assertThat(allowed(p, "team/web"))
                .containsExactly(Action.PULL);

        assertThat(run("token", "list", "--user", "alice", "--data", data())).isZero();
        assertThat(out.toString()).contains(p.tokenId(), "alice", "active", "laptop", "team/*:pull",
                "registry:read").doesNotContain(token);
        assertThat(run("token", "revoke", p.tokenId(), "--data", data())).isZero();
        assertThat(verify("whoever", token)).isEmpty();
        assertThat(run("token", "list", "--data", data())).isZero();
        assertThat(out.toString()).contains("revoked");
    }

    @Test
    void token_badInputs_clearErrors_nothingStored() {
        withStdin("s3cret-pass\n", "user", "add", "alice", "--password-stdin", "--data", data());

        assertThat(run("token", "create", "--user", "alice", "--scope", "team/app", "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("invalid scope \"team/app\": expected PATTERN:ACTIONS");
        assertThat(run("token", "create", "--user", "alice", "--scope", "team:pull,fly", "--data", data()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown action \"fly\"");
        assertThat(run("token", "create", "--user", "alice", "--api-scope", "registry:own", "--data", data()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--api-scope: unknown scope \"registry:own\"");
        assertThat(run("token", "create", "--user", "alice", "--scope", "team:pull", "--expires", "soon",
                "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("--expires: expected a lifetime");
        assertThat(run("token", "create", "--user", "nobody", "--scope", "team:pull", "--data", data())).isEqualTo(1);
        assertThat(err.toString()).contains("no user or robot named \"nobody\"");
        assertThat(run("token", "create", "--user", "alice", "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("at least one --scope or --api-scope");
        assertThat(run("token", "revoke", "nosuchid", "--data", data())).isEqualTo(1);

        assertThat(tokens(null)).isEmpty();
    }

    @Test
    void role_andPublic() {
        withStdin("s3cret-pass\n", "user", "add", "alice", "--password-stdin", "--data", data());
        assertThat(run("role", "grant", "team", "alice", "admin", "--data", data())).isZero();
        assertThat(run("role", "grant", "team", "nobody", "admin", "--data", data())).isEqualTo(1);
        assertThat(err.toString()).contains("no user or robot named \"nobody\"");
        assertThat(run("role", "grant", "team", "alice", "boss", "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("ROLE must be admin, writer or reader");
        assertThat(run("role", "list", "--registry", "team", "--data", data())).isZero();
        assertThat(out.toString()).containsPattern("team +alice +admin");
        assertThat(run("role", "revoke", "team", "alice", "--data", data())).isZero();
        assertThat(run("role", "revoke", "team", "alice", "--data", data())).isEqualTo(1);

        assertThat(run("public", "set", "library", "--data", data())).isZero();
        assertThat(run("public", "set", "team/app", "--data", data())).isZero();
        assertThat(run("public", "set", "library", "--data", data())).isEqualTo(1);
        assertThat(run("public", "list", "--data", data())).isZero();
        assertThat(out.toString()).isEqualTo("library" + System.lineSeparator() + "team/app" + System.lineSeparator());
        assertThat(allowed(Principal.ANONYMOUS, "library/alpine"))
                .containsExactly(Action.PULL);
        assertThat(run("public", "unset", "library", "--data", data())).isZero();
        assertThat(run("public", "unset", "library", "--data", data())).isEqualTo(1);
    }

    @Test
    void credentials_dockerConfigJson_readOnlyAndReadWrite() throws Exception {
        withStdin("s3cret-pass\n", "user", "add", "alice", "--password-stdin", "--data", data());
        run("role", "grant", "team", "alice", "writer", "--data", data());

        assertThat(run("credentials", "docker", "--user", "alice", "--expiry", "3600", "--host", "registry.test:5000",
                "--data", data())).as(err.toString()).isZero();
        String[] ro = decodeAuth(new ObjectMapper().readTree(out.toString()), "registry.test:5000");
        assertThat(run("credentials", "docker", "--user", "alice", "--read-write", "--data", data())).isZero();
        String[] rw = decodeAuth(new ObjectMapper().readTree(out.toString()), "localhost:5000");

        assertThat(ro[0]).isEqualTo("alice");
        Principal roP = services(s -> s.verifier().verify(ro[0], ro[1])).orElseThrow();
        Principal rwP = services(s -> s.verifier().verify(rw[0], rw[1])).orElseThrow();
        assertThat(allowed(roP, "team/app"))
                .containsExactly(Action.PULL);
        assertThat(allowed(rwP, "team/app"))
                .containsExactlyInAnyOrder(Action.PULL, Action.PUSH);
        assertThat(tokens("alice")).hasSize(2)
                .anySatisfy(t -> assertThat(t.expiresAt()).isNotNull())
                .anySatisfy(t -> assertThat(t.expiresAt()).isNull());

        assertThat(run("credentials", "docker", "--user", "nobody", "--data", data())).isEqualTo(1);
        assertThat(err.toString()).contains("no user or robot named \"nobody\"");
        assertThat(run("credentials", "docker", "--user", "alice", "--expiry", "-5", "--data", data())).isEqualTo(2);
        assertThat(run("credentials", "docker", "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--user=ACCOUNT'");
    }

    @Test
    void credentials_kubernetesSecret() throws Exception {
        withStdin("s3cret-pass\n", "user", "add", "alice", "--password-stdin", "--data", data());
        run("role", "grant", "team", "alice", "reader", "--data", data());

        assertThat(run("credentials", "k8s-secret", "--user", "alice", "--namespace", "apps", "--name", "pull-secret",
                "--host", "registry.test", "--data", data())).as(err.toString()).isZero();

        JsonNode secret = new YAMLMapper().readTree(out.toString());
        assertThat(secret.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("type").asText()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("pull-secret");
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("apps");
        byte[] json = Base64.getDecoder().decode(secret.path("data").path(".dockerconfigjson").asText());
        String[] up = decodeAuth(new ObjectMapper().readTree(json), "registry.test");
        assertThat(verify(up[0], up[1])).isPresent();

        assertThat(run("credentials", "k8s-secret", "--user", "alice", "--namespace", "Bad_NS", "--data", data()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("invalid Kubernetes namespace \"Bad_NS\"");
        assertThat(run("credentials", "k8s-secret", "--user", "alice", "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("--namespace");
    }

    /** The user and password of the only host in a Docker config, checking neither holds ':'. */
    private static String[] decodeAuth(JsonNode config, String host) {
        assertThat(config.path("auths").size()).isEqualTo(1);
        String auth = config.path("auths").path(host).path("auth").asText();
        String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        String[] parts = decoded.split(":", -1);
        assertThat(parts).as("exactly one ':' (doctl refuses anything else)").hasSize(2);
        assertThat(parts[0]).isNotEmpty();
        assertThat(parts[1]).isNotEmpty();
        return parts;
    }

    @Test
    void audit_listsChangesNewestFirst_filteredAndLimited() {
        withStdin("s3cret-pass\n", "user", "add", "alice", "--password-stdin", "--data", data());
        run("role", "grant", "team", "alice", "reader", "--data", data());
        run("public", "set", "web", "--data", data());

        assertThat(run("audit", "--data", data())).isZero();
        String[] lines = out.toString().strip().split("\\R");
        assertThat(lines[0]).startsWith("TIME");
        assertThat(lines[1]).contains("public_set", "web");
        assertThat(lines[2]).contains("role_grant", "team", "alice=reader", "local");
        assertThat(lines[3]).contains("user_add", "user:alice", "cli:");
        assertThat(out.toString()).doesNotContain("s3cret-pass");

        assertThat(run("audit", "--registry", "team", "--data", data())).isZero();
        assertThat(out.toString()).contains("role_grant").doesNotContain("user_add", "public_set");
        assertThat(run("audit", "--limit", "1", "--data", data())).isZero();
        assertThat(out.toString().strip().split("\\R")).hasSize(2);
        assertThat(run("audit", "--limit", "0", "--data", data())).isEqualTo(2);
        assertThat(err.toString()).contains("limit must be between 1 and");
    }

    @Test
    void commands_readTheServerConfiguration_fileAndEnvironment() throws Exception {
        Path yaml = dir.resolve("config.yml");
        Path fromFile = dir.resolve("from-file");
        Files.writeString(yaml, "storage:\n  filesystem:\n    rootdirectory: " + fromFile + "\n");
        assertThat(withStdin("s3cret-pass\n", "user", "add", "alice", "--password-stdin", "-c", yaml.toString()))
                .as(err.toString()).isZero();
        assertThat(fromFile.resolve("wharf.db")).exists();

        Path fromEnv = dir.resolve("from-env");
        assertThat(runWith(Map.of("REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", fromEnv.toString()),
                "public", "set", "library")).isZero();
        assertThat(fromEnv.resolve("wharf.db")).exists();
        assertThat(runWith(Map.of("WHARF_CONFIG", yaml.toString()), "user", "list")).isZero();
        assertThat(out.toString()).contains("alice");

        assertThat(runWith(Map.of("REGISTRY_STORAGE_DELETE_ENABLED", "maybe"), "user", "list")).isEqualTo(2);
        assertThat(err.toString()).contains("REGISTRY_STORAGE_DELETE_ENABLED");
    }

    @Test
    void helpListsTheAccountCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("user", "robot", "token", "role", "public", "credentials", "audit");
        assertThat(run("user")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command: add, passwd, remove or list");
    }
}
