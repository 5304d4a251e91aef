package dev.wharf.http.ui;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping HTTP client for the UI, the way a browser would use it (no redirects followed). */
final class UiSession {
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    String cookie;
    String csrf;

    UiSession(URI base) {
        this.base = base;
    }

    /** Opens the sign-in form (getting a session and its token), then signs in. Returns the POST's response. */
    HttpResponse<String> signIn(String user, String password) {
        HttpResponse<String> form = get("/ui/login");
        if (form.statusCode() != 200) {
            throw new AssertionError("sign-in form: " + form.statusCode());
        }
        return post("/ui/login", "csrf=" + enc(csrf) + "&username=" + enc(user) + "&password=" + enc(password)
                + "&next=" + enc("/ui/"));
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String form) {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    HttpResponse<String> delete(String path, String token) {
        HttpRequest.Builder b = request(path).DELETE();
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return send(b.build());
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (cookie != null) {
            b.header("Cookie", UiCall.COOKIE + "=" + cookie);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            r.headers().allValues("Set-Cookie").forEach(c -> {
                if (c.startsWith(UiCall.COOKIE + "=")) {
                    String v = c.substring(UiCall.COOKIE.length() + 1, c.indexOf(';'));
                    cookie = v.isEmpty() ? null : v;
                }
            });
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
