package dev.wharf.discovery.client;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A complete HTTP response: status, headers, the body read into memory, and the URI that answered. */
public record Response(int status, HttpHeaders headers, byte[] body, URI uri) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
