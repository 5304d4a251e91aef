package dev.wharf.http.api;

import dev.wharf.http.reply.Reply;

import java.util.List;
import java.util.Set;

/**
 * Maps a method and path to an endpoint, for both DigitalOcean families. Paths are matched on decoded segments;
 * a repository name may arrive as one {@code %2F}-encoded segment or as several plain ones.
 */
final class ApiRoutes {
    private static final Set<String> ACCOUNT_WORDS = Set.of("subscription", "options", "validate-name",
            "docker-credentials");

    private final RegistryEndpoints registries;
    private final ContentEndpoints content;
    private final GcEndpoints gc;

    ApiRoutes(RegistryEndpoints registries, ContentEndpoints content, GcEndpoints gc) {
        this.registries = registries;
        this.content = content;
        this.gc = gc;
    }

    Reply dispatch(ApiRequest req) {
        List<String> s = req.segments();
        if (s.size() < 2 || !s.get(0).equals("v2") || !(s.get(1).equals("registry") || s.get(1).equals("registries"))) {
            throw ApiError.notFound("no such endpoint");
        }
        boolean legacy = s.get(1).equals("registry");
        String m = req.method();
        if (s.size() == 2) {
            return switch (m) {
                case "GET" -> legacy ? registries.get(req, registries.single(req)) : registries.list(req);
                case "POST" -> registries.create(req, legacy);
                case "DELETE" -> {
                    if (!legacy) {
                        throw ApiError.methodNotAllowed(m);
                    }
                    yield registries.delete(req, registries.single(req));
                }
                default -> throw ApiError.methodNotAllowed(m);
            };
        }
        String third = s.get(2);
        if (s.size() == 3 && ACCOUNT_WORDS.contains(third)) {
            return account(req, legacy, third);
        }
        if (s.size() == 3) {
            if (legacy) {
                throw ApiError.notFound("no such endpoint");
            }
            return switch (m) {
                case "GET" -> registries.get(req, third);
                case "DELETE" -> registries.delete(req, third);
                default -> throw ApiError.methodNotAllowed(m);
            };
        }
        return registry(req, third, s.subList(3, s.size()));
    }

    private Reply account(ApiRequest req, boolean legacy, String word) {
        String m = req.method();
        return switch (word) {
            case "subscription" -> switch (m) {
                case "GET" -> registries.subscription(req);
                case "POST" -> registries.changeSubscription(req);
                default -> throw ApiError.methodNotAllowed(m);
            };
            case "options" -> only(m, "GET", () -> registries.options(req));
            case "validate-name" -> only(m, "POST", () -> registries.validateName(req));
            case "docker-credentials" -> {
                if (!legacy) {
                    throw ApiError.notFound("no such endpoint; use /v2/registries/{registry_name}/docker-credentials");
                }
                yield only(m, "GET", () -> registries.dockerCredentials(req, registries.single(req)));
            }
            default -> throw ApiError.notFound("no such endpoint");
        };
    }

    /** Everything under {@code /v2/registr(y|ies)/{registry}/…}. */
    private Reply registry(ApiRequest req, String registry, List<String> rest) {
        String m = req.method();
        String head = rest.get(0);
        int n = rest.size();
        switch (head) {
            case "docker-credentials":
                if (n == 1) {
                    return only(m, "GET", () -> registries.dockerCredentials(req, registry));
                }
                break;
            case "repositoriesV2":
                if (n == 1) {
                    return only(m, "GET", () -> content.repositoriesV2(req, registry));
                }
                break;
            case "garbage-collection":
                if (n == 1) {
                    return switch (m) {
                        case "GET" -> gc.active(req, registry);
                        case "POST" -> gc.start(req, registry);
                        default -> throw ApiError.methodNotAllowed(m);
                    };
                }
                if (n == 2) {
                    return only(m, "PUT", () -> gc.cancel(req, registry, rest.get(1)));
                }
                break;
            case "garbage-collections":
                if (n == 1) {
                    return only(m, "GET", () -> gc.list(req, registry));
                }
                break;
            case "repositories":
                return repositories(req, registry, rest.subList(1, n));
            default:
                break;
        }
        throw ApiError.notFound("no such endpoint");
    }

    /** {@code repositories}, {@code …/{repo}}, {@code …/{repo}/tags[/{tag}]}, {@code …/{repo}/digests[/{digest}]}. */
    private Reply repositories(ApiRequest req, String registry, List<String> rest) {
        String m = req.method();
        int n = rest.size();
        if (n == 0) {
            return only(m, "GET", () -> content.repositories(req, registry));
        }
        String last = rest.get(n - 1);
        if (n >= 2 && (last.equals("tags") || last.equals("digests"))) {
            String repo = String.join("/", rest.subList(0, n - 1));
            return last.equals("tags")
                    ? only(m, "GET", () -> content.tags(req, registry, repo))
                    : only(m, "GET", () -> content.manifests(req, registry, repo));
        }
        String kind = n >= 3 ? rest.get(n - 2) : "";
        if (kind.equals("tags") || kind.equals("digests")) {
            String repo = String.join("/", rest.subList(0, n - 2));
            return kind.equals("tags")
                    ? only(m, "DELETE", () -> content.deleteTag(req, registry, repo, last))
                    : only(m, "DELETE", () -> content.deleteManifest(req, registry, repo, last));
        }
        String repo = String.join("/", rest);
        return only(m, "DELETE", () -> content.deleteRepository(req, registry, repo));
    }

    private static Reply only(String method, String allowed, java.util.function.Supplier<Reply> endpoint) {
        if (!method.equals(allowed)) {
            throw ApiError.methodNotAllowed(method);
        }
        return endpoint.get();
    }
}
