package dev.wharf.http.reply;

import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a failure into the OCI error envelope {@code {"errors":[{"code","message","detail"}]}}. The single place
 * where errors become responses (design invariant 6): internal failures are answered as UNKNOWN without details.
 */
public final class ErrorEnvelope {
    private ErrorEnvelope() {
    }

    public static Reply of(OciException e) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", e.code().name());
        entry.put("message", e.getMessage());
        entry.put("detail", e.detail() == null ? Map.of() : e.detail());
        Reply reply = Reply.bytes(e.status(), "application/json; charset=utf-8",
                Json.bytes(Map.of("errors", List.of(entry))));
        e.headers().forEach(reply::header);
        return reply;
    }

    /** An internal failure: the client learns only that it happened. */
    public static Reply internal() {
        return of(ErrorCode.UNKNOWN.exception("internal server error; see the server log"));
    }
}
