package dev.wharf.discovery.state;

import dev.wharf.discovery.graph.EntityRef;

import java.util.List;

/** What a run found different from the stored state of the previous run. */
public record Changes(List<EntityRef> added, List<EntityRef> changed, List<EntityRef> removed) {
    public Changes {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }
}
