package dev.wharf.http.v2;

import dev.wharf.auth.AuditLog;
import dev.wharf.http.reply.ErrorEnvelope;
import dev.wharf.http.reply.Reply;
import dev.wharf.http.reply.ReplyWriter;
import dev.wharf.http.auth.Authenticator;
import dev.wharf.http.auth.Caller;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.BlobService;
import dev.wharf.content.ContentDeletion;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.ManifestService;
import dev.wharf.content.RegistryLimits;
import dev.wharf.content.UploadService;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The OCI Distribution API at {@code /v2/}. Routes a request to its endpoint and writes the endpoint's
 * {@link Reply}; every failure becomes an OCI error envelope here and nowhere else. Blocking by design: it runs
 * on a virtual thread per request.
 */
public final class V2Handler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(V2Handler.class);

    private final BlobEndpoints blobs;
    private final UploadEndpoints uploads;
    private final ManifestEndpoints manifests;
    private final ListingEndpoints listings;
    private final Authenticator authenticator;
    private final RegistryLimits limits;
    private final AllowedMethods methods;

    public V2Handler(BlobService blobs, UploadService uploads, ManifestService manifests, ContentDiscovery discovery,
                     ContentDeletion deletion, Authenticator authenticator) {
        this(blobs, uploads, manifests, discovery, deletion, authenticator, RegistryLimits.NONE);
    }

    /**
     * {@code limits} is asked before blob and manifest GETs and told the bytes served (registries' bandwidth). The
     * services record what happened (events); this handler only translates.
     */
    public V2Handler(BlobService blobs, UploadService uploads, ManifestService manifests, ContentDiscovery discovery,
                     ContentDeletion deletion, Authenticator authenticator, RegistryLimits limits) {
        this.authenticator = authenticator;
        this.limits = limits;
        this.methods = new AllowedMethods(deletion);
        this.blobs = new BlobEndpoints(blobs, deletion);
        this.uploads = new UploadEndpoints(uploads);
        this.manifests = new ManifestEndpoints(manifests, deletion);
        this.listings = new ListingEndpoints(discovery);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply;
        try {
            V2Route route = V2Router.route(request.getHttpURI().getPath());
            methods.check(route, request.getMethod());
            Caller caller = authenticator.authenticate(request);
            // parsed once here (NAME_INVALID for a bad one), after authentication and before the access check
            RepositoryName repository = route.named() ? RepositoryName.parse(route.name()) : null;
            authorize(request, route, repository, caller);
            reply = pull(new Exchange(request, route, repository, caller));
        } catch (OciException e) {
            reply = ErrorEnvelope.of(e);
        } catch (Exception e) {
            if (isClientAbort(e)) {
                log.debug("client went away during {} {}", request.getMethod(), request.getHttpURI().getPath());
                callback.failed(e);
                return true;
            }
            log.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
            reply = ErrorEnvelope.internal();
        }
        reply.header("Docker-Distribution-API-Version", "registry/2.0");
        ReplyWriter.write(request, response, callback, reply);
        return true;
    }

    /** The route kind, a low-cardinality name for metrics. */
    public static String routeName(Request request) {
        String path = request.getHttpURI().getPath();
        if (!path.startsWith("/v2")) {
            return "other";
        }
        return V2Router.route(path).kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Checks the authenticated {@code caller} may do what the route needs, before any work: anonymous callers
     * lacking access get 401 with a challenge naming exactly the needed scope; authenticated ones get 403 DENIED.
     */
    private void authorize(Request request, V2Route route, RepositoryName repository, Caller caller) {
        if (authenticator.open()) {
            return;
        }
        RequiredAccess need = RequiredAccess.of(route, request.getMethod());
        boolean anonymous = caller.principal().isAnonymous();
        if (need.onlyAuthentication()) {
            if (anonymous && route.kind() == V2Route.Kind.BASE) {
                throw authenticator.challenge(request, null, java.util.Set.of(), false);
            }
            return;
        }
        if (need.catalog()) {
            if (!caller.mayListCatalog()) {
                throw anonymous ? authenticator.challenge(request, null, java.util.Set.of(), true) : denied("catalog");
            }
            return;
        }
        String name = repository.value();
        if (!caller.allowed(name, need.actions()).containsAll(need.actions())) {
            throw anonymous ? authenticator.challenge(request, name, need.actions(), false) : denied(name);
        }
    }

    private static OciException denied(String what) {
        return ErrorCode.DENIED.exception("requested access to the resource is denied", Map.of("resource", what));
    }

    /** Dispatches, counting the bytes of blob and manifest GETs against the registry's bandwidth. */
    private Reply pull(Exchange ex) {
        boolean counted = "GET".equals(ex.method())
                && (ex.route().kind() == V2Route.Kind.BLOB || ex.route().kind() == V2Route.Kind.MANIFEST);
        if (!counted) {
            return dispatch(ex);
        }
        limits.beforePull(ex.repository());
        Reply reply = dispatch(ex);
        if (reply.status() == 200 || reply.status() == 206) {
            limits.pulled(ex.repository(), reply.body().length());
        }
        return reply;
    }

    private Reply dispatch(Exchange ex) {
        return switch (ex.route().kind()) {
            case BASE -> Reply.json(200, "{}");
            case CATALOG -> listings.catalog(ex);
            case TAGS -> listings.tags(ex);
            case REFERRERS -> listings.referrers(ex);
            case MANIFEST -> manifests.handle(ex);
            case BLOB -> blobs.handle(ex);
            case UPLOADS -> uploads.start(ex);
            case UPLOAD -> uploads.session(ex);
            case NOT_FOUND -> throw ErrorCode.NAME_UNKNOWN.exception("no such endpoint",
                    Map.of("path", truncate(ex.route() == null ? "" : String.valueOf(ex.route().name()))))
                    .withStatus(404);
        };
    }

    /** Unreachable once {@link AllowedMethods} passed a request; the endpoints' switches need a default. */
    static Reply methodNotAllowed(Exchange ex) {
        throw ErrorCode.UNSUPPORTED.exception("method " + ex.method() + " not allowed here");
    }

    private static boolean isClientAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EofException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
