package dev.wharf.auth.accounts;

import dev.wharf.auth.Action;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** One scope of a token: the repositories it covers and the actions it allows there ({@code team/*:pull,push}). */
public record TokenScope(RepositoryPattern repositories, Set<Action> actions) {
    private static final Set<Action> GRANTABLE = EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE);

    public TokenScope {
        actions = Set.copyOf(actions);
        if (actions.isEmpty() || !GRANTABLE.containsAll(actions)) {
            throw AccountException.invalid("a scope needs actions among pull, push, delete");
        }
    }

    /**
     * Parses {@code PATTERN:ACTIONS}, e.g. {@code team/*:pull,push}, {@code team:pull}, {@code *:pull}.
     *
     * @throws AccountException INVALID naming the expected syntax
     */
    public static TokenScope parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw syntax(text);
        }
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (String a : text.substring(colon + 1).split(",", -1)) {
            Action action = Action.fromWire(a.strip());
            if (action == null || !GRANTABLE.contains(action)) {
                throw AccountException.invalid("unknown action \"" + a + "\" in scope \"" + text
                        + "\": use pull, push or delete");
            }
            actions.add(action);
        }
        return new TokenScope(new RepositoryPattern(text.substring(0, colon)), actions);
    }

    private static AccountException syntax(String text) {
        return AccountException.invalid("invalid scope \"" + (text == null ? "" : text)
                + "\": expected PATTERN:ACTIONS such as team/*:pull,push (actions: pull, push, delete)");
    }

    /** The actions this scope allows on {@code repository} (empty when the pattern does not match). */
    public Set<Action> on(String repository) {
        return repositories.matches(repository) ? actions : Set.of();
    }

    @Override
    public String toString() {
        return repositories + ":" + actions.stream().sorted().map(Action::wireName).collect(Collectors.joining(","));
    }
}
