/**
 * Domain events: what happened to content, registries, garbage collection and logins ({@link dev.wharf.events.Event}),
 * who did it ({@link dev.wharf.events.Origin}) and the one {@link dev.wharf.events.EventSink} consumers implement.
 * A write's event is recorded in the write's own transaction (the metadata store's outbox); events that are not
 * writes (logins, pulls) are emitted to the sink directly. Pure values: imports {@code oci} only (and Jackson for
 * {@link dev.wharf.events.EventJson}).
 */
package dev.wharf.events;
