package dev.wharf.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.http.reply.Reply;
import dev.wharf.tenancy.RegistryService;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Registries, subscriptions, options, docker credentials and name validation, in both DigitalOcean families: the
 * single-registry {@code /v2/registry} (the caller's one registry; 412 when it has several) and
 * {@code /v2/registries}.
 */
final class RegistryEndpoints {
    private final RegistryService service;
    private final Access access;
    private final DockerCredentialIssuer issuer;
    private final IntSupplier registryPort;

    RegistryEndpoints(RegistryService service, Access access, DockerCredentialIssuer issuer, IntSupplier registryPort) {
        this.service = service;
        this.access = access;
        this.issuer = issuer;
        this.registryPort = registryPort;
    }

    /** The caller's only registry (legacy family): 404 when it has none, 412 when it has several. */
    String single(ApiRequest req) {
        access.require(req, null, ApiScope.READ);
        List<RegistryService.View> owned = service.list(req.principal().name());
        if (owned.isEmpty()) {
            throw ApiError.notFound("no registry exists for this account");
        }
        if (owned.size() > 1) {
            throw ApiError.preconditionFailed("this account has " + owned.size()
                    + " registries; use the /v2/registries endpoints to name one");
        }
        return owned.get(0).record().name();
    }

    Reply get(ApiRequest req, String name) {
        access.require(req, name, ApiScope.READ);
        return ApiHandler.json(200, wrap("registry", ApiViews.registry(service.get(name))));
    }

    /** Needs the account-wide read scope (a token without API scopes is refused), then shows what it may read. */
    Reply list(ApiRequest req) {
        access.require(req, null, ApiScope.READ);
        ObjectNode out = ApiViews.object();
        ArrayNode list = out.putArray("registries");
        long total = 0;
        for (RegistryService.View v : service.list(null)) {
            if (access.may(req, v.record().name(), ApiScope.READ)) {
                list.add(ApiViews.registry(v));
                total += v.record().storageUsageBytes();
            }
        }
        out.put("total_storage_usage_bytes", total);
        return ApiHandler.json(200, out);
    }

    /** {@code legacy}: the single-registry family requires {@code subscription_tier_slug}. */
    Reply create(ApiRequest req, boolean legacy) {
        access.require(req, null, ApiScope.CREATE);
        JsonNode body = req.body();
        String name = text(body, "name", true);
        String tier = text(body, "subscription_tier_slug", legacy);
        String region = text(body, "region", false);
        RegistryService.View v = service.create(req.principal().name(),
                new RegistryService.NewRegistry(name, tier, region, null, null), req.origin());
        return ApiHandler.json(201, wrap("registry", ApiViews.registry(v)));
    }

    Reply delete(ApiRequest req, String name) {
        access.require(req, name, ApiScope.DELETE);
        service.delete(name, req.origin());
        return Reply.status(204);
    }

    Reply subscription(ApiRequest req) {
        access.require(req, null, ApiScope.READ);
        return ApiHandler.json(200, wrap("subscription",
                ApiViews.subscription(service.subscription(req.principal().name()))));
    }

    Reply changeSubscription(ApiRequest req) {
        access.require(req, null, ApiScope.UPDATE);
        String tier = text(req.body(), "tier_slug", true);
        return ApiHandler.json(200, wrap("subscription",
                ApiViews.subscription(service.changeSubscription(req.principal().name(), tier,
                        req.origin()))));
    }

    Reply options(ApiRequest req) {
        access.require(req, null, ApiScope.READ);
        ObjectNode options = ApiViews.object();
        ArrayNode regions = options.putArray("available_regions");
        service.config().regions().forEach(regions::add);
        ArrayNode tiers = options.putArray("subscription_tiers");
        service.options(req.principal().name()).forEach(t -> tiers.add(ApiViews.tierOption(t)));
        return ApiHandler.json(200, wrap("options", options));
    }

    Reply validateName(ApiRequest req) {
        access.require(req, null, ApiScope.READ);
        String name = text(req.body(), "name", true);
        if (!service.nameAvailable(name)) {
            throw new ApiError(409, "conflict", "registry name " + name + " is already taken");
        }
        return Reply.status(204);
    }

    /**
     * A Docker {@code config.json} whose {@code auths} key is this registry's address and whose {@code auth} is the
     * base64 of {@code username:password} (neither contains {@code :}). The credential reaches registry
     * {@code name} only and is revoked when it is deleted.
     */
    Reply dockerCredentials(ApiRequest req, String name) {
        access.require(req, name, ApiScope.READ);
        service.get(name);
        boolean readWrite = bool(req.query("read_write"));
        long expirySeconds = expiry(req.query("expiry_seconds"));
        if (issuer == null) {
            throw new ApiError(503, "service_unavailable", "docker credentials are not available on this server");
        }
        DockerCredentialIssuer.Issued issued = issuer.issue(req.principal(), name, readWrite,
                expirySeconds == 0 ? null : Duration.ofSeconds(expirySeconds));
        String auth = Base64.getEncoder().encodeToString((issued.username() + ":" + issued.password())
                .getBytes(StandardCharsets.UTF_8));
        ObjectNode out = ApiViews.object();
        out.putObject("auths").putObject(host(req)).put("auth", auth);
        return ApiHandler.json(200, out);
    }

    private String host(ApiRequest req) {
        String name = req.serverName();
        if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]";
        }
        int port = registryPort.getAsInt();
        return port == 80 || port == 443 ? name : name + ":" + port;
    }

    private static boolean bool(String v) {
        if (v == null || v.isEmpty()) {
            return false;
        }
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiError.badRequest("read_write must be true or false, got \"" + v + "\"");
        };
    }

    private static long expiry(String v) {
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("expiry_seconds must be a whole number of 0 or more, got \"" + v + "\"");
        }
    }

    static String text(JsonNode body, String field, boolean required) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                throw new ApiError(422, "unprocessable_entity", field + " is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw ApiError.badRequest(field + " must be a string");
        }
        return n.asText();
    }

    static ObjectNode wrap(String key, ObjectNode value) {
        ObjectNode o = ApiViews.object();
        o.set(key, value);
        return o;
    }
}
