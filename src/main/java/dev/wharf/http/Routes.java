package dev.wharf.http;

import dev.wharf.http.reply.ErrorEnvelope;
import dev.wharf.http.reply.ReplyWriter;
import dev.wharf.oci.ErrorCode;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The data plane at {@code /v2}; anything no other endpoint claimed is a 404 in the OCI envelope. */
final class Routes extends Handler.Wrapper {

    Routes(Handler v2) {
        super(v2);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path.equals("/v2") || path.startsWith("/v2/")) {
            return super.handle(request, response, callback);
        }
        ReplyWriter.write(request, response, callback,
                ErrorEnvelope.of(ErrorCode.NAME_UNKNOWN.exception("no such endpoint").withStatus(404)));
        return true;
    }
}
