package dev.wharf.http;

import dev.wharf.meta.MetadataStore;
import dev.wharf.oci.ErrorCode;
import dev.wharf.registry.UploadService;
import dev.wharf.storage.BlobStore;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Top-level dispatch of the one port: {@code /v2/} data plane, health, readiness and metrics. */
final class Routes extends Handler.Abstract {
    private final Handler v2;

    Routes(Handler v2, BlobStore blobs, MetadataStore meta, UploadService uploads) {
        this.v2 = v2;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path.equals("/v2") || path.startsWith("/v2/")) {
            return v2.handle(request, response, callback);
        }
        ReplyWriter.write(request, response, callback,
                ErrorEnvelope.of(ErrorCode.NAME_UNKNOWN.exception("no such endpoint").withStatus(404)));
        return true;
    }
}
