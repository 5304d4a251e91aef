package dev.wharf.discovery.graph;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/** One inventory entity in resource form: {@code {apiVersion, kind, metadata: {name, namespace, labels}, spec}}. */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record Entity(String apiVersion, String kind, Metadata metadata, Map<String, Object> spec) {

    @JsonPropertyOrder({"name", "namespace", "labels"})
    public record Metadata(String name, String namespace, Map<String, String> labels) {
    }

    @JsonIgnore
    public EntityRef ref() {
        return new EntityRef(kind, metadata.namespace(), metadata.name());
    }
}
