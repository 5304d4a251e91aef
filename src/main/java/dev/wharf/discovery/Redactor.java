package dev.wharf.discovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Removes secrets from text before it is printed or stored: each configured password and token, and their
 * base64 forms as they would appear in an Authorization header.
 */
public final class Redactor {
    private final List<String> secrets = new ArrayList<>();

    public Redactor(List<String> secrets) {
        for (String s : secrets) {
            if (s != null && s.length() >= 3) {
                this.secrets.add(s);
                this.secrets.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
            }
        }
        this.secrets.sort((a, b) -> b.length() - a.length());
    }

    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }
}
