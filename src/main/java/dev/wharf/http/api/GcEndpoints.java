package dev.wharf.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.auth.ApiScope;
import dev.wharf.gc.GcControl;
import dev.wharf.http.reply.Reply;
import dev.wharf.tenancy.RegistryService;

/**
 * Garbage collection of one registry through {@link GcControl}: start, the active run (404 when none), the list, and
 * cancel with {@code {"cancel": true}}. Without a collector every endpoint answers 503 saying so.
 */
final class GcEndpoints {
    /** godo sends this type when the caller gives none ("for backwards compatibility"). */
    private static final GcControl.Type DEFAULT_TYPE = GcControl.Type.UNREFERENCED_BLOBS_ONLY;

    private final GcControl gc;
    private final RegistryService registries;
    private final Access access;

    GcEndpoints(GcControl gc, RegistryService registries, Access access) {
        this.gc = gc;
        this.registries = registries;
        this.access = access;
    }

    Reply start(ApiRequest req, String registry) {
        access.require(req, registry, ApiScope.UPDATE);
        registries.get(registry);
        JsonNode body = req.body();
        String wire = RegistryEndpoints.text(body, "type", false);
        GcControl.Type type = wire == null ? DEFAULT_TYPE : ApiViews.gcType(wire);
        if (type == null) {
            throw new ApiError(422, "unprocessable_entity", "type must be one of \"untagged manifests only\","
                    + " \"unreferenced blobs only\", \"untagged manifests and unreferenced blobs\"");
        }
        GcControl.Run run;
        try {
            run = collector().start(registry, type, false, req.origin());
        } catch (IllegalStateException e) {
            throw new ApiError(409, "conflict", "a garbage collection is already active for registry " + registry);
        }
        return ApiHandler.json(201, RegistryEndpoints.wrap("garbage_collection", ApiViews.garbageCollection(run)));
    }

    Reply active(ApiRequest req, String registry) {
        access.require(req, registry, ApiScope.READ);
        registries.get(registry);
        GcControl.Run run = collector().active(registry)
                .orElseThrow(() -> ApiError.notFound("no active garbage collection for registry " + registry));
        return ApiHandler.json(200, RegistryEndpoints.wrap("garbage_collection", ApiViews.garbageCollection(run)));
    }

    Reply list(ApiRequest req, String registry) {
        access.require(req, registry, ApiScope.READ);
        registries.get(registry);
        Paging paging = Paging.of(req);
        GcControl control = collector();
        ObjectNode out = ApiViews.object();
        ArrayNode list = out.putArray("garbage_collections");
        control.list(registry, paging.page(), paging.perPage()).forEach(r -> list.add(ApiViews.garbageCollection(r)));
        paging.addLinksAndMeta(out, req, control.count(registry));
        return ApiHandler.json(200, out);
    }

    Reply cancel(ApiRequest req, String registry, String uuid) {
        access.require(req, registry, ApiScope.UPDATE);
        registries.get(registry);
        JsonNode cancel = req.body().path("cancel");
        if (!cancel.isBoolean() || !cancel.asBoolean()) {
            throw ApiError.badRequest("the body must be {\"cancel\": true}");
        }
        GcControl.Run run = collector().cancel(registry, uuid)
                .orElseThrow(() -> ApiError.notFound("garbage collection " + uuid + " not found"));
        return ApiHandler.json(200, RegistryEndpoints.wrap("garbage_collection", ApiViews.garbageCollection(run)));
    }

    private GcControl collector() {
        if (gc == null) {
            throw new ApiError(503, "service_unavailable",
                    "garbage collection is not available on this server: no collector is configured");
        }
        return gc;
    }
}
