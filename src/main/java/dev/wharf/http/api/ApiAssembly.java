package dev.wharf.http.api;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.auth.RegistryRoles;
import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl;
import dev.wharf.tenancy.RegistryContent;
import dev.wharf.tenancy.RegistryService;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.ServerConnector;

import java.util.function.BiFunction;
import java.util.function.IntSupplier;

/**
 * Assembles the management API from the registry services the composition root built ({@link dev.wharf.app.Wharf}),
 * served at the root of its own listener ({@code WHARF_API_ADDR}, default {@code :5001}) and under {@code /api} on
 * the main port. The auth and GC seams are passed in; any of them may be null, and the API then
 * answers 401 (no credential check), 403 (no policy), or 503 for docker credentials and garbage collection.
 */
public final class ApiAssembly {
    private static final String CONNECTOR_NAME = "wharf-api";

    /**
     * The collaborators the API needs from accounts, auth and GC; {@code roles} receives each new registry's owner
     * (the server hands it to the composition root's registry service).
     */
    public record Seams(CredentialVerifier verifier, AccessPolicy policy, RegistryRoles roles,
                        DockerCredentialIssuer issuer, GcControl gc) {
        public static Seams none() {
            return new Seams(null, null, null, null, null);
        }
    }

    private final WharfConfig config;
    private final RegistryService registries;
    private final RegistryContent content;
    private final Seams seams;
    private ServerConnector connector;

    private ApiAssembly(WharfConfig config, RegistryService registries, RegistryContent content, Seams seams) {
        this.config = config;
        this.registries = registries;
        this.content = content;
        this.seams = seams;
    }

    public static ApiAssembly create(WharfConfig config, RegistryService registries, RegistryContent content,
                                     Seams seams) {
        return new ApiAssembly(config, registries, content, seams);
    }

    /**
     * The API handler for the main server: answers requests of the API listener and {@code /api/…} on the main
     * port, declines the rest. Call {@link #listen} before the server starts. {@code logins} (null: nobody
     * authenticates) checks, throttles and audits every presented token and password.
     */
    public Handler handler(IntSupplier registryPort, CredentialCheck logins) {
        Access access = new Access(seams.policy());
        ApiRoutes routes = new ApiRoutes(
                new RegistryEndpoints(registries, access, seams.issuer(), registryPort),
                new ContentEndpoints(content, access),
                new GcEndpoints(seams.gc(), registries, access));
        return new ApiHandler(routes, logins, config.registries().apiAddr() == null ? null : CONNECTOR_NAME);
    }

    /**
     * Adds the API's own listener when {@code apiAddr} is set: {@code open} makes a listener named as given (first
     * argument) on an address (second) and adds it to the server.
     */
    public void listen(BiFunction<String, String, ServerConnector> open) {
        String addr = config.registries().apiAddr();
        if (addr != null) {
            connector = open.apply(CONNECTOR_NAME, addr);
        }
    }

    /** The API listener's port once started, or -1 when it has none. */
    public int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }
}
