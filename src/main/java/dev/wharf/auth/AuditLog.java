package dev.wharf.auth;

import dev.wharf.events.EventSink;

import java.time.Instant;
import java.util.List;

/**
 * Who did what, when and from where: logins, pushes, deletes and administrative changes. Never holds secrets. It
 * is the first consumer of domain events: writes reach it from the outbox after they commit, logins through
 * {@link #emit} ({@link AuditEntries} says what each becomes).
 */
public interface AuditLog extends EventSink {

    void record(Event event);

    /** Records what {@code event} means for the audit (nothing for pulls). */
    @Override
    default void emit(dev.wharf.events.Event event) {
        AuditEntries.of(event).ifPresent(this::record);
    }

    /** The newest events first; {@code registry} null means all registries. */
    List<Event> recent(String registry, int limit);

    /**
     * One audited action. {@code action} is a stable word ({@code login}, {@code login_failed}, {@code push},
     * {@code delete}, {@code user_add}, …); {@code target} names what it touched (a repository, tag, account).
     */
    record Event(Instant at, String actor, String action, String target, String address, String detail) {
    }

    /** Records nothing (no metadata database, tests). */
    AuditLog NONE = new AuditLog() {
        @Override
        public void record(Event event) {
        }

        @Override
        public List<Event> recent(String registry, int limit) {
            return List.of();
        }
    };
}
