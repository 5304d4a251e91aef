package dev.wharf.http.api;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.auth.RegistryRoles;
import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl;
import dev.wharf.meta.MetadataStore;
import dev.wharf.meta.RegistryStore;
import dev.wharf.registry.ContentDeletion;
import dev.wharf.registry.RegistryLimits;
import dev.wharf.registry.tenancy.QuotaEnforcer;
import dev.wharf.registry.tenancy.RegistryContent;
import dev.wharf.registry.tenancy.RegistryService;
import dev.wharf.registry.tenancy.UncompressedSizes;
import dev.wharf.storage.BlobStore;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.ServerConnector;

import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;

/**
 * Assembles registries (tenancy) for a server: the quota hooks the data plane takes, the registry services, and the
 * management API, served at the root of its own listener ({@code WHARF_API_ADDR}, default {@code :5001}) and under
 * {@code /api} on the main port. The auth and GC seams are passed in; any of them may be null, and the API then
 * answers 401 (no credential check), 403 (no policy), or 503 for docker credentials and garbage collection.
 */
public final class ApiAssembly {
    private static final String CONNECTOR_NAME = "wharf-api";

    /** The collaborators the API needs from accounts, auth and GC. */
    public record Seams(CredentialVerifier verifier, AccessPolicy policy, RegistryRoles roles,
                        DockerCredentialIssuer issuer, GcControl gc) {
        public static Seams none() {
            return new Seams(null, null, null, null, null);
        }
    }

    private final WharfConfig config;
    private final QuotaEnforcer limits;
    private final RegistryService registries;
    private final RegistryContent content;
    private final Seams seams;
    private ServerConnector connector;

    private ApiAssembly(WharfConfig config, QuotaEnforcer limits, RegistryService registries, RegistryContent content,
                        Seams seams) {
        this.config = config;
        this.limits = limits;
        this.registries = registries;
        this.content = content;
        this.seams = seams;
    }

    /**
     * {@code blobs}: where the listings read blobs' first and last bytes to size them uncompressed; {@code deletion}:
     * the server's one service for deletes (shared with the data plane and the UI).
     */
    public static ApiAssembly create(WharfConfig config, RegistryStore store, MetadataStore meta, BlobStore blobs,
                                     ContentDeletion deletion, Seams seams, Clock clock) {
        QuotaEnforcer limits = new QuotaEnforcer(store, meta, config.registries().required(), clock);
        RegistryService registries = new RegistryService(store, meta, config.registries(), seams.roles(),
                limits::refresh);
        return new ApiAssembly(config, limits, registries, new RegistryContent(store, meta, deletion,
                new UncompressedSizes(store, blobs)), seams);
    }

    /** The hooks for UploadService, ManifestService and V2Handler. */
    public RegistryLimits limits() {
        return limits;
    }

    public RegistryService registries() {
        return registries;
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
