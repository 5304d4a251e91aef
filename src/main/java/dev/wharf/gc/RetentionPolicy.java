package dev.wharf.gc;

import dev.wharf.meta.GcPolicyStore.PolicyRow;
import dev.wharf.oci.RepositoryName;

import java.time.Duration;
import java.time.Instant;

/**
 * Retention and immutability for the repositories {@code <registry>/<repositories>} (a {@link Glob}).
 *
 * <p>A tag is kept when any of these holds: it matches {@code protectedTags} or {@code immutableTags} (never
 * removed), it matches {@code keepTags}, it is among the {@code keepLast} most recently pushed, or it was pushed less
 * than {@code olderThanDays} days ago. Otherwise it is removed, provided the policy sets {@code keepLast} or
 * {@code olderThanDays} at all (a policy with neither removes nothing). So {@code keepLast=5} alone keeps the five
 * newest; {@code olderThanDays=30} alone removes tags older than 30 days; both remove only tags that are beyond the
 * five newest and older than 30 days. Pushes that would move an {@code immutableTags} tag are refused.
 */
public record RetentionPolicy(String registry, Glob repositories, Integer keepLast, Glob keepTags,
                              Integer olderThanDays, Glob protectedTags, Glob immutableTags) {

    public RetentionPolicy {
        if (registry == null) {
            throw new IllegalArgumentException("a policy needs a registry name");
        }
        GcService.checkRegistry(registry);
        if (keepLast != null && keepLast < 0) {
            throw new IllegalArgumentException("keep-last must be 0 or more, got " + keepLast);
        }
        if (olderThanDays != null && olderThanDays < 0) {
            throw new IllegalArgumentException("older-than days must be 0 or more, got " + olderThanDays);
        }
    }

    static RetentionPolicy of(PolicyRow r) {
        return new RetentionPolicy(r.registry(), Glob.of(r.repositories()), r.keepLast(), Glob.of(r.keepTags()),
                r.olderThanDays(), Glob.of(r.protectedTags()), Glob.of(r.immutableTags()));
    }

    PolicyRow row(long now) {
        return new PolicyRow(registry, repositories.toString(), keepLast, text(keepTags), olderThanDays,
                text(protectedTags), text(immutableTags), now);
    }

    private static String text(Glob g) {
        return g == null || g.isEmpty() ? null : g.toString();
    }

    /** True when {@code repo} is {@code registry/<something matching repositories>}. */
    public boolean appliesTo(RepositoryName repo) {
        String name = repo.value();
        return name.startsWith(registry + "/") && repositories.matches(name.substring(registry.length() + 1));
    }

    /** How specific the repository pattern is (longer wins when several policies match one repository). */
    int specificity() {
        return repositories.toString().length();
    }

    public boolean removesAnything() {
        return keepLast != null || olderThanDays != null;
    }

    public boolean immutable(String tag) {
        return immutableTags != null && immutableTags.matches(tag);
    }

    /** Whether the tag of push-time rank {@code rank} (0 = newest), pushed at {@code pushedAt}, is removed. */
    public boolean removes(String tag, int rank, Instant pushedAt, Instant now) {
        if (!removesAnything() || immutable(tag) || matches(protectedTags, tag) || matches(keepTags, tag)) {
            return false;
        }
        if (keepLast != null && rank < keepLast) {
            return false;
        }
        return olderThanDays == null || pushedAt.isBefore(now.minus(Duration.ofDays(olderThanDays)));
    }

    private static boolean matches(Glob g, String tag) {
        return g != null && g.matches(tag);
    }
}
