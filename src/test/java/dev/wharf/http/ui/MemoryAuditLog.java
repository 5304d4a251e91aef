package dev.wharf.http.ui;

import dev.wharf.auth.AuditLog;

import java.util.ArrayList;
import java.util.List;

/** An audit log in memory, standing in for Wharf's stored one in UI tests. */
final class MemoryAuditLog implements AuditLog {
    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void record(Event event) {
        events.add(event);
    }

    @Override
    public synchronized List<Event> recent(String registry, int limit) {
        List<Event> out = new ArrayList<>(events);
        java.util.Collections.reverse(out);
        return out.subList(0, Math.min(limit, out.size()));
    }

    synchronized List<Event> all() {
        return List.copyOf(events);
    }
}
