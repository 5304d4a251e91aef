package dev.wharf.meta;

import java.util.function.LongSupplier;

/**
 * The quota rule a link transaction asks, with the registry's figures read in that transaction (its usage row
 * stays locked until commit), so concurrent pushes cannot pass a quota together. A refusal is an exception, which
 * rolls the link back. The rule itself lives with the services; the store only supplies the figures.
 */
public interface LinkQuota {

    /** The registry a repository belongs to, as the transaction read it; a null limit is no limit. */
    record Registry(String name, String tier, Long storageLimitBytes, Long repositoryLimit) {
    }

    /** A blob new to {@code registry} is linked: its usage was {@code usageBefore} and grows by {@code adding}. */
    void storage(Registry registry, long usageBefore, long adding);

    /**
     * A repository of {@code registry} got its first content; {@code withContent} counts the registry's repositories
     * with content now, this one included (a query: ask only when a limit applies).
     */
    void repositories(Registry registry, LongSupplier withContent);

    /** Takes every link: content outside registries' quotas (tests, tools). */
    LinkQuota NONE = new LinkQuota() {
        @Override
        public void storage(Registry registry, long usageBefore, long adding) {
        }

        @Override
        public void repositories(Registry registry, LongSupplier withContent) {
        }
    };
}
