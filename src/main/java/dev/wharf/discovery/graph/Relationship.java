package dev.wharf.discovery.graph;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A directed edge between two entities: {@code BELONGS_TO} or {@code USES}. */
@JsonPropertyOrder({"relation", "source", "target"})
public record Relationship(String relation, EntityRef source, EntityRef target) implements Comparable<Relationship> {
    @Override
    public int compareTo(Relationship o) {
        int c = source.compareTo(o.source);
        if (c != 0) {
            return c;
        }
        c = relation.compareTo(o.relation);
        return c != 0 ? c : target.compareTo(o.target);
    }
}
