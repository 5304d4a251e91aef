package dev.wharf.http.ui;

import dev.wharf.gc.GcControl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A GcControl that records what it is asked and finishes every run at once with fixed figures, standing in for
 * the collector in UI tests: the UI's part is to start runs with the right mode and show their results.
 */
final class RecordingGcControl implements GcControl {
    private final List<Run> runs = new ArrayList<>();
    private boolean keepRunning;

    /** From now on, started runs stay {@code running} (so a second start is refused), or finish at once. */
    synchronized void keepRunning(boolean keep) {
        keepRunning = keep;
        if (!keep) {
            runs.replaceAll(r -> r.status().active() ? new Run(r.uuid(), r.registry(), r.type(), Status.SUCCEEDED,
                    r.dryRun(), r.createdAt(), Instant.now(), 3, 1, 4_200_000) : r);
        }
    }

    @Override
    public synchronized Run start(String registry, Type type, boolean dryRun) {
        if (active(registry).isPresent()) {
            throw new IllegalStateException("a run is already active");
        }
        Instant now = Instant.now();
        Run run = keepRunning
                ? new Run(UUID.randomUUID().toString(), registry, type, Status.RUNNING, dryRun, now, now, 0, 0, 0)
                : new Run(UUID.randomUUID().toString(), registry, type, Status.SUCCEEDED, dryRun, now, now,
                3, 1, 4_200_000);
        runs.add(0, run);
        return run;
    }

    @Override
    public synchronized Optional<Run> active(String registry) {
        return runs.stream().filter(r -> r.status().active() && Objects.equals(registry, r.registry())).findFirst();
    }

    @Override
    public synchronized Optional<Run> get(String uuid) {
        return runs.stream().filter(r -> r.uuid().equals(uuid)).findFirst();
    }

    @Override
    public synchronized List<Run> list(String registry, int page, int perPage) {
        return runs.stream().filter(r -> registry == null || Objects.equals(registry, r.registry()))
                .skip((long) (page - 1) * perPage).limit(perPage).toList();
    }

    @Override
    public synchronized long count(String registry) {
        return list(registry, 1, Integer.MAX_VALUE).size();
    }

    @Override
    public synchronized Optional<Run> cancel(String registry, String uuid) {
        return Optional.empty();
    }

    synchronized List<Run> runs() {
        return List.copyOf(runs);
    }
}
