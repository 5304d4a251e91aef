package dev.wharf.discovery.graph;

import java.util.List;

/** The entity kinds and relations discovery emits, in output order. */
public final class Kinds {
    public static final String REGISTRY = "DockerRegistry";
    public static final String REPOSITORY = "DockerRepository";
    public static final String MANIFEST = "DockerManifest";
    public static final String IMAGE = "DockerImage";
    public static final String BELONGS_TO = "BELONGS_TO";
    public static final String USES = "USES";
    private static final List<String> ORDER = List.of(REGISTRY, REPOSITORY, MANIFEST, IMAGE);

    private Kinds() {
    }

    static int order(String kind) {
        int i = ORDER.indexOf(kind);
        return i < 0 ? ORDER.size() : i;
    }
}
