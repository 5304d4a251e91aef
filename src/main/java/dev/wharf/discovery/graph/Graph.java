package dev.wharf.discovery.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entities and relationships of a run. Safe to fill from many threads; an entity added twice (a manifest
 * shared by two tags) is kept once. Listings come out sorted, so two runs over the same content print the same.
 */
public final class Graph {
    private final Map<EntityRef, Entity> entities = new HashMap<>();
    private final Set<Relationship> relationships = new HashSet<>();

    public synchronized void add(Entity e) {
        entities.putIfAbsent(e.ref(), e);
    }

    public synchronized void relate(String relation, Entity source, Entity target) {
        relationships.add(new Relationship(relation, source.ref(), target.ref()));
    }

    public synchronized List<Entity> entities() {
        List<Entity> out = new ArrayList<>(entities.values());
        out.sort((a, b) -> a.ref().compareTo(b.ref()));
        return out;
    }

    public synchronized List<Relationship> relationships() {
        List<Relationship> out = new ArrayList<>(relationships);
        out.sort(null);
        return out;
    }

    public synchronized long count(String kind) {
        return entities.keySet().stream().filter(r -> r.kind().equals(kind)).count();
    }
}
