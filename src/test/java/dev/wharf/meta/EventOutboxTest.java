package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.events.Origin;
import dev.wharf.oci.RepositoryName;
import dev.wharf.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox on SQLite and PostgreSQL: a write's event is there exactly when the write committed, consumers take
 * each event once in order, delivered events are dropped, and (PostgreSQL) an event whose transaction commits after
 * a later one is never passed over.
 */
class EventOutboxTest {
    private static final RepositoryName REPO = RepositoryName.parse("out/box");
    private static TestPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TestPostgres.shared();
    }

    @Test
    void sqlite_writesRecordTheirEvents_onlyWhenTheyChangeSomething() {
        try (JdbcMetadataStore store = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("o.db"), null, null)) {
            recordsOnlyWhatChanged(store);
        }
    }

    @Test
    void postgres_writesRecordTheirEvents_onlyWhenTheyChangeSomething() throws Exception {
        try (JdbcMetadataStore store = JdbcMetadataStore.open(postgres.newSchemaUrl("o"), TestPostgres.USER, null)) {
            recordsOnlyWhatChanged(store);
        }
    }

    private static void recordsOnlyWhatChanged(JdbcMetadataStore store) {
        AtomicInteger told = new AtomicInteger();
        store.sql().onEventsCommitted(told::incrementAndGet);
        assertThat(store.deleteTag(REPO, "none", tagDeleted("none"))).isFalse();
        assertThatThrownBy(() -> store.database().write(tx -> {
            Outbox.add(tx, tagDeleted("rolled-back"));
            throw new IllegalStateException("refused after the event was written");
        })).isInstanceOf(IllegalStateException.class);
        store.database().write(tx -> {
            Outbox.add(tx, tagDeleted("a"));
            Outbox.add(tx, tagDeleted("b"));
            return null;
        });

        assertThat(tags(take(store, "first", 10))).containsExactly("a", "b");
        assertThat(told).as("listeners hear only of commits that recorded events").hasValue(1);
        assertThat(take(store, "first", 10)).as("each event once").isEmpty();
        store.database().write(tx -> {
            Outbox.add(tx, tagDeleted("c"));
            return null;
        });
        assertThat(tags(take(store, "first", 10))).containsExactly("c");
        long kept = store.database().read(tx -> tx.one("SELECT COUNT(*) FROM event_outbox", rs -> rs.getLong(1)))
                .orElseThrow();
        assertThat(kept).as("events every consumer has taken are dropped").isZero();
    }

    @Test
    void postgres_anEventCommittedLate_isNotPassedOver() throws Exception {
        try (JdbcMetadataStore store = JdbcMetadataStore.open(postgres.newSchemaUrl("late"), TestPostgres.USER, null)) {
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> store.database().write(tx -> {
                Outbox.add(tx, tagDeleted("early, committed late")); // takes the lower transaction id
                written.countDown();
                await(release);
                return null;
            }));
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            store.database().write(tx -> {
                Outbox.add(tx, tagDeleted("late, committed first"));
                return null;
            });

            assertThat(take(store, "audit", 10)).as("nothing while an older transaction may still add events")
                    .isEmpty();
            release.countDown();
            slow.get(30, TimeUnit.SECONDS);
            assertThat(tags(take(store, "audit", 10)))
                    .containsExactly("early, committed late", "late, committed first");
        }
    }

    /** Takes up to {@code limit} events for {@code consumer} and advances its cursor, in one transaction. */
    private static List<EventOutbox.Stored> take(JdbcMetadataStore store, String consumer, int limit) {
        return store.sql().write(s -> {
            List<EventOutbox.Stored> batch = EventOutbox.next(s, consumer, limit);
            if (!batch.isEmpty()) {
                EventOutbox.advance(s, consumer, batch.getLast());
            }
            return batch;
        });
    }

    private static List<String> tags(List<EventOutbox.Stored> stored) {
        List<String> out = new ArrayList<>();
        stored.forEach(s -> out.add(((Event.TagDeleted) s.event()).tag()));
        return out;
    }

    private static Event tagDeleted(String tag) {
        return new Event.TagDeleted(Instant.ofEpochMilli(1_000), new Origin("tester", "10.0.0.1"), REPO, tag);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
