package dev.wharf.auth;

import java.util.Locale;

/** What a caller may do to a repository. {@code CATALOG} applies to the registry-wide {@code _catalog} listing. */
public enum Action {
    PULL, PUSH, DELETE, CATALOG;

    /** The wire name used in scopes and JWT access claims ({@code pull}, {@code push}, {@code delete}, {@code *}). */
    public String wireName() {
        return this == CATALOG ? "*" : name().toLowerCase(Locale.ROOT);
    }

    /** The action for a wire name, or null when unknown (unknown actions are ignored, never granted). */
    public static Action fromWire(String s) {
        return switch (s) {
            case "pull" -> PULL;
            case "push" -> PUSH;
            case "delete" -> DELETE;
            case "*" -> CATALOG;
            default -> null;
        };
    }
}
