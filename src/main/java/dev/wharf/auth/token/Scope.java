package dev.wharf.auth.token;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One resource and actions, as Docker token auth writes it in {@code scope} parameters and in a JWT's
 * {@code access} claim: {@code repository:team/app:pull,push}, {@code registry:catalog:*}. The type may carry a
 * class ({@code repository(plugin)}); the name may contain colons (the actions follow the last one).
 */
public record Scope(String type, String name, Set<String> actions) {

    public static final String REPOSITORY = "repository";
    public static final String REGISTRY = "registry";

    public Scope {
        actions = Set.copyOf(new LinkedHashSet<>(actions));
    }

    /** Parses one scope; null when malformed (malformed scopes are ignored, never granted). */
    public static Scope parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == text.length()) {
            return null;
        }
        String type = text.substring(0, first);
        int paren = type.indexOf('(');
        if (paren > 0 && type.endsWith(")")) {
            type = type.substring(0, paren);
        }
        String name = text.substring(first + 1, last);
        Set<String> actions = new LinkedHashSet<>();
        for (String a : text.substring(last + 1).split(",")) {
            if (!a.isBlank()) {
                actions.add(a.strip());
            }
        }
        return name.isEmpty() ? null : new Scope(type, name, actions);
    }

    /** Every scope in {@code values}; each value may hold several separated by spaces (OAuth2 form style). */
    public static List<Scope> parseAll(List<String> values) {
        List<Scope> out = new ArrayList<>();
        for (String v : values) {
            for (String s : v.trim().split("\\s+")) {
                Scope scope = s.isEmpty() ? null : parse(s);
                if (scope != null) {
                    out.add(scope);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", actions.stream().sorted().toList());
    }
}
