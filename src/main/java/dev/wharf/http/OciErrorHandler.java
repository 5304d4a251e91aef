package dev.wharf.http;

import dev.wharf.oci.ErrorCode;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches Wharf's handlers (a URI that escapes the root, oversized headers,
 * a malformed request line) are answered in the same OCI envelope as every other error, never as an HTML page.
 */
final class OciErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        String path = request.getHttpURI() == null ? "" : String.valueOf(request.getHttpURI().getPath());
        ErrorCode code = switch (status) {
            // Jetty reports a request path it cannot resolve (e.g. "/v2/../../x") as "/badMessage".
            case 400 -> path.contains("..") || path.equals("/badMessage") ? ErrorCode.NAME_INVALID : ErrorCode.UNSUPPORTED;
            case 404 -> ErrorCode.NAME_UNKNOWN;
            case 413, 414, 431 -> ErrorCode.SIZE_INVALID;
            case 429 -> ErrorCode.TOOMANYREQUESTS;
            default -> status >= 500 ? ErrorCode.UNKNOWN : ErrorCode.UNSUPPORTED;
        };
        if (code == ErrorCode.NAME_INVALID) {
            message = "invalid repository path";
        }
        String text = status >= 500 ? "internal server error" : (message == null ? code.message() : message);
        ReplyWriter.write(request, response, callback, ErrorEnvelope.of(code.exception(text).withStatus(status)));
    }
}
