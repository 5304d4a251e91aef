package dev.wharf.auth.token;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.Action;
import dev.wharf.auth.Principal;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a token may carry: for each requested scope, the requested actions the {@link AccessPolicy} allows
 * (never more than asked). {@code repository:…:*} asks for every action; {@code registry:catalog:*} is granted
 * when the principal may list the catalog. Unknown types, invalid names and unknown actions grant nothing.
 */
public final class Grants {
    private final AccessPolicy policy;

    public Grants(AccessPolicy policy) {
        this.policy = policy;
    }

    public List<Scope> grant(Principal principal, List<Scope> requested) {
        List<Scope> out = new ArrayList<>();
        for (Scope s : requested) {
            Scope g = switch (s.type()) {
                case Scope.REPOSITORY -> repository(principal, s);
                case Scope.REGISTRY -> s.name().equals("catalog") && s.actions().contains("*")
                        && policy.mayListCatalog(principal) ? new Scope(Scope.REGISTRY, "catalog", Set.of("*")) : null;
                default -> null;
            };
            if (g != null && !g.actions().isEmpty()) {
                out.add(g);
            }
        }
        return out;
    }

    private Scope repository(Principal principal, Scope s) {
        String name;
        try {
            name = RepositoryName.parse(s.name()).value();
        } catch (OciException e) {
            return null;
        }
        Set<Action> asked = EnumSet.noneOf(Action.class);
        for (String a : s.actions()) {
            if (a.equals("*")) {
                asked.addAll(EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE));
            } else {
                Action action = Action.fromWire(a);
                if (action != null && action != Action.CATALOG) {
                    asked.add(action);
                }
            }
        }
        if (asked.isEmpty()) {
            return null;
        }
        Set<String> granted = new LinkedHashSet<>();
        for (Action a : policy.allowed(principal, name, asked)) {
            if (asked.contains(a)) {
                granted.add(a.wireName());
            }
        }
        return new Scope(Scope.REPOSITORY, name, granted);
    }
}
