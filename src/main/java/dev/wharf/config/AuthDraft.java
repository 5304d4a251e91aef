package dev.wharf.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The auth and TLS settings while layers are applied. Like registry:2, the auth mode follows from which section
 * is set ({@code auth.htpasswd} or {@code auth.token}) unless {@code REGISTRY_AUTH}/{@code WHARF_AUTH_MODE} names it;
 * both sections together mean Wharf's own token service checking passwords against the htpasswd file.
 */
final class AuthDraft {
    static final String DEFAULT_SERVICE = "wharf";
    static final String DEFAULT_ISSUER = "wharf";
    static final String DEFAULT_REALM = "wharf";
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private WharfConfig.Auth.Mode mode;
    private String modeSetting;
    private boolean htpasswd;
    private String htpasswdRealm;
    private Path htpasswdPath;
    private String htpasswdPathSetting;
    private boolean token;
    private String tokenRealm;
    private String service;
    private String issuer;
    private Path rootCertBundle;
    private String rootCertBundleSetting;
    private Path signingKey;
    private Duration ttl = DEFAULT_TTL;
    private List<String> publicRepositories = List.of();
    private Path certificate;
    private String certificateSetting;
    private Path key;
    private String keySetting;

    void mode(String setting, String raw) {
        String m = raw.strip().toLowerCase(Locale.ROOT);
        mode = switch (m) {
            case "none" -> WharfConfig.Auth.Mode.NONE;
            case "htpasswd" -> WharfConfig.Auth.Mode.HTPASSWD;
            case "token" -> WharfConfig.Auth.Mode.TOKEN;
            case "silly" -> throw new ConfigException(setting,
                    "silly auth is a registry:2 development aid and is not supported (use htpasswd or token)");
            default -> throw new ConfigException(setting, "expected none, htpasswd or token, got \"" + raw + "\"");
        };
        modeSetting = setting;
    }

    void htpasswdRealm(String raw) {
        htpasswd = true;
        htpasswdRealm = raw.strip();
    }

    void htpasswdPath(String setting, String raw) {
        htpasswd = true;
        htpasswdPath = path(setting, raw);
        htpasswdPathSetting = setting;
    }

    void tokenRealm(String setting, String raw) {
        token = true;
        String r = raw.strip();
        if (!r.startsWith("http://") && !r.startsWith("https://")) {
            throw new ConfigException(setting, "expected an http:// or https:// URL, got \"" + raw + "\"");
        }
        tokenRealm = r;
    }

    void service(String raw) {
        token = true;
        service = raw.strip();
    }

    void issuer(String raw) {
        token = true;
        issuer = raw.strip();
    }

    void rootCertBundle(String setting, String raw) {
        token = true;
        rootCertBundle = path(setting, raw);
        rootCertBundleSetting = setting;
    }

    void signingKey(String setting, String raw) {
        signingKey = path(setting, raw);
    }

    void ttl(String setting, String raw) {
        ttl = Draft.parsePositiveDuration(setting, raw);
        if (ttl.compareTo(Duration.ofSeconds(60)) < 0) {
            throw new ConfigException(setting, "must be at least 60s (docker clients expect tokens to live a minute)");
        }
    }

    /** Glob patterns of repositories anyone may pull: {@code library/*} (one level), {@code team/**} (any depth). */
    void publicRepositories(String setting, List<String> patterns) {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            for (String part : p.split(",")) {
                String s = part.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (!s.matches("[a-z0-9._/*-]+")) {
                    throw new ConfigException(setting, "\"" + s + "\" is not a repository pattern like library/*"
                            + " or team/**");
                }
                out.add(s);
            }
        }
        publicRepositories = List.copyOf(out);
    }

    void certificate(String setting, String raw) {
        certificate = path(setting, raw);
        certificateSetting = setting;
    }

    void key(String setting, String raw) {
        key = path(setting, raw);
        keySetting = setting;
    }

    WharfConfig.Auth auth() {
        WharfConfig.Auth.Mode m = mode != null ? mode
                : token ? WharfConfig.Auth.Mode.TOKEN
                : htpasswd ? WharfConfig.Auth.Mode.HTPASSWD
                : WharfConfig.Auth.Mode.NONE;
        return switch (m) {
            case NONE -> new WharfConfig.Auth(m, null, null, publicRepositories);
            case HTPASSWD -> new WharfConfig.Auth(m, htpasswd(true), null, publicRepositories);
            case TOKEN -> tokenAuth();
        };
    }

    private WharfConfig.Auth tokenAuth() {
        if (rootCertBundle != null) {
            requireFile(rootCertBundleSetting, rootCertBundle);
            requireSet("auth.token.realm", tokenRealm, "REGISTRY_AUTH_TOKEN_REALM");
            requireSet("auth.token.service", service, "REGISTRY_AUTH_TOKEN_SERVICE");
            requireSet("auth.token.issuer", issuer, "REGISTRY_AUTH_TOKEN_ISSUER");
            if (htpasswd) {
                throw new ConfigException(htpasswdPathSetting != null ? htpasswdPathSetting : "auth.htpasswd",
                        "an external token server (auth.token.rootcertbundle) checks passwords itself;"
                                + " remove the htpasswd settings");
            }
        }
        WharfConfig.Token t = new WharfConfig.Token(tokenRealm, blankToDefault(service, DEFAULT_SERVICE),
                blankToDefault(issuer, DEFAULT_ISSUER), rootCertBundle, signingKey, ttl);
        return new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN, htpasswd ? htpasswd(false) : null, t,
                publicRepositories);
    }

    private WharfConfig.Htpasswd htpasswd(boolean required) {
        if (htpasswdPath == null) {
            if (!required) {
                return null;
            }
            throw new ConfigException("auth.htpasswd.path", "required when auth is htpasswd"
                    + (modeSetting == null ? "" : " (" + modeSetting + ")")
                    + "; set auth.htpasswd.path or REGISTRY_AUTH_HTPASSWD_PATH to a file made by htpasswd -B");
        }
        requireFile(htpasswdPathSetting, htpasswdPath);
        return new WharfConfig.Htpasswd(blankToDefault(htpasswdRealm, DEFAULT_REALM), htpasswdPath);
    }

    WharfConfig.Tls tls() {
        if (certificate == null && key == null) {
            return null;
        }
        if (certificate == null) {
            throw new ConfigException("http.tls.certificate",
                    "required with " + keySetting + " (set REGISTRY_HTTP_TLS_CERTIFICATE to a PEM certificate chain)");
        }
        if (key == null) {
            throw new ConfigException("http.tls.key",
                    "required with " + certificateSetting + " (set REGISTRY_HTTP_TLS_KEY to a PEM private key)");
        }
        requireFile(certificateSetting, certificate);
        requireFile(keySetting, key);
        return new WharfConfig.Tls(certificate, key);
    }

    private static void requireSet(String setting, String value, String env) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(setting, "required with an external token server (auth.token.rootcertbundle);"
                    + " set " + setting + " or " + env);
        }
    }

    private static void requireFile(String setting, Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException(setting, "file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(setting, file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException(setting, "permission denied reading " + file);
        }
    }

    private static String blankToDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }

    private static Path path(String setting, String raw) {
        if (raw.isBlank()) {
            throw new ConfigException(setting, "must not be empty");
        }
        try {
            return Path.of(raw.strip());
        } catch (InvalidPathException e) {
            throw new ConfigException(setting, "not a valid path: " + e.getReason());
        }
    }
}
