package dev.wharf.discovery.graph;

/** Identifies an entity: kind, namespace and name together are unique in a graph. */
public record EntityRef(String kind, String namespace, String name) implements Comparable<EntityRef> {
    @Override
    public int compareTo(EntityRef o) {
        int k = Integer.compare(Kinds.order(kind), Kinds.order(o.kind));
        if (k != 0) {
            return k;
        }
        int n = namespace.compareTo(o.namespace);
        return n != 0 ? n : name.compareTo(o.name);
    }
}
