package dev.wharf.events;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of event survives the outbox's JSON unchanged, under a stable type name. */
class EventJsonTest {
    private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_123L);
    private static final Origin WHO = new Origin("alice", "10.1.2.3", "tok1");
    private static final RepositoryName REPO = RepositoryName.parse("team/app");
    private static final Digest DIGEST = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));

    @Test
    void everyEvent_roundTrips() {
        List<Event> all = List.of(
                new Event.ManifestPushed(AT, WHO, REPO, DIGEST, "application/vnd.oci.image.manifest.v1+json", 42,
                        "1.0"),
                new Event.ManifestPushed(AT, WHO, REPO, DIGEST, "application/vnd.oci.image.index.v1+json", 7, null),
                new Event.ManifestPulled(AT, WHO, REPO, DIGEST, null),
                new Event.BlobPulled(AT, WHO, REPO, DIGEST),
                new Event.ManifestDeleted(AT, WHO, REPO, DIGEST),
                new Event.TagDeleted(AT, WHO, REPO, "old"),
                new Event.BlobDeleted(AT, WHO, REPO, DIGEST),
                new Event.BlobMounted(AT, WHO, RepositoryName.parse("team/base"), REPO, DIGEST),
                new Event.RepositoryDeleted(AT, WHO, REPO),
                new Event.RegistryCreated(AT, WHO, "team", "basic", "local"),
                new Event.RegistryChanged(AT, WHO, "team", "professional"),
                new Event.RegistryDeleted(AT, WHO, "team"),
                new Event.GcStarted(AT, WHO, "run-1", null, "unreferenced_blobs_only", true),
                new Event.GcFinished(AT, Origin.SYSTEM, "run-1", "team", "succeeded", 3, 2, 1024),
                new Event.LoggedIn(AT, WHO, "v2"),
                new Event.LoginFailed(AT, new Origin(null, "10.9.9.9"), "api"));
        assertThat(all.stream().map(Object::getClass).distinct().count())
                .as("one of each kind").isEqualTo(Event.class.getPermittedSubclasses().length);
        for (Event e : all) {
            assertThat(EventJson.read(EventJson.write(e))).isEqualTo(e);
        }
        assertThat(EventJson.write(all.getFirst())).contains("\"type\":\"manifest_pushed\"")
                .contains("\"repository\":\"team/app\"").contains("\"at\":1700000000123");
        assertThat(Arrays.stream(Event.class.getPermittedSubclasses()).map(c -> EventJson.type(of(all, c))))
                .doesNotContainNull().doesNotHaveDuplicates();
    }

    private static Event of(List<Event> all, Class<?> kind) {
        return all.stream().filter(kind::isInstance).findFirst().orElseThrow();
    }
}
