package dev.wharf.http.v2;

import java.util.List;

/**
 * Content negotiation for manifests. A stored manifest is served as stored (Wharf never converts); it is refused
 * only when the client lists media types and none matches, as registry:2 does for OCI manifests asked for by
 * Docker-only clients.
 */
final class AcceptHeader {
    private AcceptHeader() {
    }

    static boolean accepts(List<String> headerValues, String mediaType) {
        if (headerValues == null || headerValues.isEmpty()) {
            return true;
        }
        boolean any = false;
        for (String header : headerValues) {
            for (String part : header.split(",")) {
                String type = part.split(";", 2)[0].trim();
                if (type.isEmpty()) {
                    continue;
                }
                any = true;
                if (type.equals("*/*") || type.equals("application/*") || type.equalsIgnoreCase(mediaType)) {
                    return true;
                }
            }
        }
        return !any;
    }
}
