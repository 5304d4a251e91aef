package dev.wharf.http.auth;

import dev.wharf.auth.Action;
import dev.wharf.auth.Principal;

import java.util.Set;

/** An authenticated (or anonymous) caller and what it may do, however it proved who it is. */
public interface Caller {

    Principal principal();

    /** The subset of {@code requested} this caller may perform on {@code repository}. */
    Set<Action> allowed(String repository, Set<Action> requested);

    /** True when the caller may list the catalog (entries are still filtered by {@link #allowed}). */
    boolean mayListCatalog();

    /** True when {@code repository} is shown to this caller in the catalog: by default, when it may pull it. */
    default boolean listsInCatalog(String repository) {
        return allowed(repository, java.util.EnumSet.of(Action.PULL)).contains(Action.PULL);
    }
}
