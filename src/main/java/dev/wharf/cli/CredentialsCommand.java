package dev.wharf.cli;

import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.auth.Principal;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.auth.accounts.DockerConfigFormat;
import dev.wharf.config.WharfConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wharf credentials docker|k8s-secret}: docker credentials on demand, as DigitalOcean's registry gives them,
 * as a Docker {@code config.json} or a Kubernetes {@code kubernetes.io/dockerconfigjson} Secret.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Issues docker credentials acting for an account (never beyond what it may do).")
final class CredentialsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions db;

    private final Map<String, String> env;

    CredentialsCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The options both formats share. */
    static final class Request {
        @Option(names = "--user", required = true, paramLabel = "ACCOUNT",
                description = "The user or robot the credentials act for.")
        String user;

        @Option(names = "--read-write", description = "Allow push as well as pull (default: read-only).")
        boolean readWrite;

        @Option(names = "--expiry", paramLabel = "SECONDS",
                description = "Seconds until the credentials expire (default: never, like expiry_seconds=0).")
        Long expirySeconds;

        @Option(names = "--host", paramLabel = "HOST[:PORT]",
                description = "Registry host in the config (default: this server's address, localhost for"
                        + " all interfaces).")
        String host;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: docker or k8s-secret");
    }

    @Command(name = "docker", mixinStandardHelpOptions = true,
            description = "Prints a Docker config.json: {\"auths\":{\"<host>\":{\"auth\":\"<base64>\"}}}.")
    int docker(@Mixin Request request) throws Exception {
        checkExpiry(request);
        return AccountsCli.run(spec, env, db, (s, c) -> {
            spec.commandLine().getOut().println(configJson(s, c, request));
            return 0;
        });
    }

    @Command(name = "k8s-secret", mixinStandardHelpOptions = true,
            description = "Prints a Kubernetes Secret of type kubernetes.io/dockerconfigjson for imagePullSecrets.")
    int k8sSecret(@Mixin Request request,
                  @Option(names = "--namespace", required = true, paramLabel = "NAMESPACE") String namespace,
                  @Option(names = "--name", paramLabel = "NAME", defaultValue = "wharf-registry",
                          description = "Secret name (default ${DEFAULT-VALUE}).") String name) throws Exception {
        checkExpiry(request);
        return AccountsCli.run(spec, env, db, (s, c) -> {
            String json = configJson(s, c, request);
            spec.commandLine().getOut().print(DockerConfigFormat.kubernetesSecret(namespace, name, json));
            spec.commandLine().getOut().flush();
            return 0;
        });
    }

    private void checkExpiry(Request r) {
        if (r.expirySeconds != null && r.expirySeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--expiry: seconds must not be negative");
        }
    }

    private static String configJson(AccountServices s, WharfConfig c, Request r) {
        Principal owner = s.accounts().principal(r.user);
        Duration expiry = r.expirySeconds == null ? null : Duration.ofSeconds(r.expirySeconds);
        DockerCredentialIssuer.Issued issued = s.issuer().issue(owner, r.readWrite, expiry);
        return DockerConfigFormat.dockerConfigJson(r.host != null ? r.host : host(c), issued.username(),
                issued.password());
    }

    /** The address clients reach this server by: {@code :5000} and {@code 0.0.0.0:5000} become localhost:5000. */
    static String host(WharfConfig c) {
        String addr = c.http().addr();
        if (addr.startsWith(":")) {
            return "localhost" + addr;
        }
        if (addr.startsWith("0.0.0.0:") || addr.startsWith("[::]:")) {
            return "localhost" + addr.substring(addr.lastIndexOf(':'));
        }
        return addr;
    }
}
