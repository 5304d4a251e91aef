package dev.wharf.discovery.client;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The {@code rel="next"} target of RFC 8288 {@code Link} headers, resolved against the request's URI. */
public final class LinkHeader {
    private LinkHeader() {
    }

    public static Optional<URI> next(List<String> values, URI base) {
        for (String value : values) {
            for (String link : value.split(",(?=\\s*<)")) {
                int open = link.indexOf('<');
                int close = link.indexOf('>', open + 1);
                if (open < 0 || close < 0) {
                    continue;
                }
                String params = link.substring(close + 1).replace(" ", "");
                if (params.contains("rel=\"next\"") || params.contains("rel=next")) {
                    try {
                        return Optional.of(base.resolve(link.substring(open + 1, close).strip()));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
