package dev.wharf.events;

/**
 * Where events go. Services emit events that are not writes (logins, pulls) here directly; the events of writes
 * reach it from the outbox after their transaction commits. Implementations are thread-safe and never fail the
 * caller: a consumer that cannot keep up logs and drops, it does not throw.
 */
@FunctionalInterface
public interface EventSink {
    /** Takes nothing (no consumer configured). */
    EventSink NONE = event -> { };

    void emit(Event event);
}
