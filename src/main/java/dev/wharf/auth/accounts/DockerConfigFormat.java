package dev.wharf.auth.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The two shapes docker credentials travel in: Docker's {@code config.json}
 * ({@code {"auths":{"<host>":{"auth":"<base64 user:pass>"}}}}, as DigitalOcean's API returns it) and a Kubernetes
 * Secret of type {@code kubernetes.io/dockerconfigjson} for {@code imagePullSecrets}.
 */
public final class DockerConfigFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern K8S_NAME =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private DockerConfigFormat() {
    }

    /** Docker's config JSON for one registry host. */
    public static String dockerConfigJson(String host, String username, String password) {
        if (host == null || host.isBlank()) {
            throw AccountException.invalid("a registry host is needed, e.g. registry.example.com or localhost:5000");
        }
        if (username.indexOf(':') >= 0 || password.indexOf(':') >= 0) {
            throw new IllegalArgumentException("docker credentials must not contain ':'");
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode auth = root.putObject("auths").putObject(host);
        auth.put("auth", Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return root.toString();
    }

    /** A Kubernetes Secret manifest (YAML) holding {@code dockerConfigJson}. */
    public static String kubernetesSecret(String namespace, String name, String dockerConfigJson) {
        checkK8sName("namespace", namespace);
        checkK8sName("name", name);
        String encoded = Base64.getEncoder().encodeToString(dockerConfigJson.getBytes(StandardCharsets.UTF_8));
        return "apiVersion: v1\n"
                + "kind: Secret\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "  namespace: " + namespace + "\n"
                + "type: kubernetes.io/dockerconfigjson\n"
                + "data:\n"
                + "  .dockerconfigjson: " + encoded + "\n";
    }

    private static void checkK8sName(String what, String value) {
        if (value == null || value.length() > 63 || !K8S_NAME.matcher(value).matches()) {
            throw AccountException.invalid("invalid Kubernetes " + what + " \"" + value
                    + "\": lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit");
        }
    }
}
