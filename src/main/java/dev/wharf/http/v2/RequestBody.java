package dev.wharf.http.v2;

import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A request body whose read failures are the client's fault: broken chunk framing, or a body that ends before its
 * {@code Content-Length} (the client closed its side). They become a 4xx OCI error with {@code code} instead of an
 * internal error, and are logged as one INFO line without a stack trace. Whoever was writing the bytes (upload
 * staging) undoes the partial write as for any failure.
 */
final class RequestBody extends InputStream {
    private static final Logger log = LoggerFactory.getLogger(RequestBody.class);

    private final Request request;
    private final InputStream in;
    private final ErrorCode code;

    private RequestBody(Request request, ErrorCode code) {
        this.request = request;
        this.in = Content.Source.asInputStream(request);
        this.code = code;
    }

    static InputStream of(Request request, ErrorCode code) {
        return new RequestBody(request, code);
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            throw clientFault(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw clientFault(e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (IOException e) {
            throw clientFault(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private OciException clientFault(IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        log.info("{} {}: request body malformed or cut short ({})", request.getMethod(),
                request.getHttpURI().getPath(), reason);
        return code.exception("request body malformed or cut short: " + reason,
                Map.of("received", Request.getContentBytesRead(request)));
    }
}
