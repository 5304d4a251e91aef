package dev.wharf.http;

import dev.wharf.http.reply.ErrorEnvelope;
import dev.wharf.http.reply.ReplyWriter;
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
            case 400 -> path.contains("..") || isUnresolvablePath(cause) ? ErrorCode.NAME_INVALID : ErrorCode.UNSUPPORTED;
            case 404 -> ErrorCode.NAME_UNKNOWN;
            case 413, 414, 431 -> ErrorCode.SIZE_INVALID;
            case 429 -> ErrorCode.TOOMANYREQUESTS;
            default -> status >= 500 ? ErrorCode.UNKNOWN : ErrorCode.UNSUPPORTED;
        };
        String text;
        if (status >= 500) {
            text = "internal server error";
        } else if (code == ErrorCode.NAME_INVALID) {
            text = "invalid repository path";
        } else if (status == 400) {
            // no OCI code says "malformed HTTP"; UNSUPPORTED ("invalid set of parameters") with what Jetty saw
            text = "malformed request: " + (message == null || message.isBlank() ? "bad request" : message);
        } else {
            text = message == null ? code.message() : message;
        }
        ReplyWriter.write(request, response, callback, ErrorEnvelope.of(code.exception(text).withStatus(status)));
    }

    /** Jetty reports a path it cannot resolve (e.g. {@code /v2/../../x}) as "Bad URI" under a generic 400. */
    private static boolean isUnresolvablePath(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && "Bad URI".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
