package dev.wharf.testing;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.Action;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.auth.Principal;
import dev.wharf.auth.RegistryRoles;
import dev.wharf.gc.GcControl;
import dev.wharf.http.api.ApiAssembly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small in-memory stand-ins for the account, credential and GC seams, so the management API can be tested through
 * a real server: API tokens with scopes, role grants as the registry service makes them, docker credentials that
 * verify, and a garbage collector that only keeps runs. The data plane stays open.
 */
public final class TenancySeams {
    private record Token(String account, Set<ApiScope> scopes) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> dockerPasswords = new ConcurrentHashMap<>();
    public final Map<String, Map<String, RegistryRoles.Role>> grants = new ConcurrentHashMap<>();
    public final InMemoryGc gc = new InMemoryGc();

    /** Adds an API token of {@code account} with {@code scopes} (none given: all four). */
    public TenancySeams token(String token, String account, ApiScope... scopes) {
        tokens.put(token, new Token(account, scopes.length == 0 ? EnumSet.allOf(ApiScope.class) : Set.of(scopes)));
        return this;
    }

    public ApiAssembly.Seams seams(boolean withGc) {
        return new ApiAssembly.Seams(verifier(), policy(), roles(), issuer(), withGc ? gc : null);
    }

    private CredentialVerifier verifier() {
        return new CredentialVerifier() {
            @Override
            public Optional<Principal> verify(String username, String secret) {
                Token t = tokens.get(secret);
                if (t != null) {
                    return Optional.of(new Principal(t.account(), Principal.Kind.TOKEN, secret));
                }
                String account = dockerPasswords.get(username + ":" + secret);
                return Optional.ofNullable(account).map(a -> new Principal(a, Principal.Kind.ROBOT, username));
            }

            @Override
            public boolean stillValid(Principal principal) {
                return true;
            }
        };
    }

    private AccessPolicy policy() {
        return new AccessPolicy() {
            @Override
            public Set<Action> allowed(Principal principal, String repository, Set<Action> requested) {
                return requested;
            }

            @Override
            public boolean mayListCatalog(Principal principal) {
                return true;
            }

            @Override
            public boolean mayManage(Principal principal, String registry, ApiScope scope) {
                Token t = principal.tokenId() == null ? null : tokens.get(principal.tokenId());
                if (t == null || !t.scopes().contains(scope)) {
                    return false;
                }
                return registry == null || grants.getOrDefault(registry, Map.of()).containsKey(principal.name());
            }
        };
    }

    private RegistryRoles roles() {
        return new RegistryRoles() {
            @Override
            public void grant(String registry, String account, Role role) {
                grants.computeIfAbsent(registry, r -> new ConcurrentHashMap<>()).put(account, role);
            }

            @Override
            public void revokeAll(String registry) {
                grants.remove(registry);
            }
        };
    }

    private DockerCredentialIssuer issuer() {
        return (owner, registry, readWrite, expiry) -> {
            String user = (readWrite ? "rw-" : "ro-") + UUID.randomUUID().toString().substring(0, 8);
            String password = UUID.randomUUID().toString().replace("-", "");
            dockerPasswords.put(user + ":" + password, owner.name());
            return new DockerCredentialIssuer.Issued(user, password,
                    expiry == null ? null : Instant.now().plus(expiry));
        };
    }

    /** Keeps runs; never collects anything. One active run per registry. */
    public static final class InMemoryGc implements GcControl {
        private final List<Run> runs = new ArrayList<>();

        @Override
        public synchronized Run start(String registry, Type type, boolean dryRun) {
            if (active(registry).isPresent()) {
                throw new IllegalStateException("already active");
            }
            Instant now = Instant.now();
            Run run = new Run(UUID.randomUUID().toString(), registry, type, Status.REQUESTED, dryRun, now, now, 0, 0, 0);
            runs.add(run);
            return run;
        }

        @Override
        public synchronized Optional<Run> active(String registry) {
            return runs.stream().filter(r -> r.registry().equals(registry) && r.status().active()).findFirst();
        }

        @Override
        public synchronized Optional<Run> get(String uuid) {
            return runs.stream().filter(r -> r.uuid().equals(uuid)).findFirst();
        }

        @Override
        public synchronized List<Run> list(String registry, int page, int perPage) {
            return runs.stream().filter(r -> r.registry().equals(registry))
                    .sorted(Comparator.comparing(Run::createdAt).reversed())
                    .skip((long) (page - 1) * perPage).limit(perPage).toList();
        }

        @Override
        public synchronized long count(String registry) {
            return runs.stream().filter(r -> r.registry().equals(registry)).count();
        }

        @Override
        public synchronized Optional<Run> cancel(String registry, String uuid) {
            for (int i = 0; i < runs.size(); i++) {
                Run r = runs.get(i);
                if (r.uuid().equals(uuid) && r.registry().equals(registry)) {
                    Run c = new Run(r.uuid(), r.registry(), r.type(), Status.CANCELLED, r.dryRun(), r.createdAt(),
                            Instant.now(), r.blobsDeleted(), r.manifestsDeleted(), r.freedBytes());
                    runs.set(i, c);
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }
}
