package dev.wharf.discovery.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The canonical JSON of one entity, used to tell whether it changed between runs. */
public final class EntityJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EntityJson() {
    }

    public static String canonical(Entity e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
