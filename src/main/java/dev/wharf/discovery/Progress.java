package dev.wharf.discovery;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts repositories and tags as they finish, and, on a terminal, redraws one status line (done, rate, errors)
 * a few times a second. Off a terminal it only counts.
 */
public final class Progress implements AutoCloseable {
    private final AtomicLong reposTotal = new AtomicLong();
    private final AtomicLong reposDone = new AtomicLong();
    private final AtomicLong tags = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final long started = System.nanoTime();
    private final PrintStream terminal;
    private final Thread painter;
    private boolean closed;

    /** {@code terminal} null means quiet. */
    public Progress(PrintStream terminal) {
        this.terminal = terminal;
        this.painter = terminal == null ? null : Thread.ofPlatform().daemon().name("discover-progress").start(this::paintLoop);
    }

    public void repositoriesFound(int n) {
        reposTotal.addAndGet(n);
    }

    public void repositoryDone() {
        reposDone.incrementAndGet();
    }

    public void tagDone() {
        tags.incrementAndGet();
    }

    public void error() {
        errors.incrementAndGet();
    }

    public long tagsDone() {
        return tags.get();
    }

    public long repositoriesDone() {
        return reposDone.get();
    }

    /** Prints a message on its own line, above the status line. */
    public synchronized void println(String message) {
        if (terminal != null) {
            terminal.print("\r\033[K" + message + "\n");
            terminal.flush();
        }
    }

    String line() {
        double seconds = Math.max(0.001, Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
        return String.format(java.util.Locale.ROOT, "repositories %d/%d  tags %d  (%.1f tags/s)  errors %d",
                reposDone.get(), reposTotal.get(), tags.get(), tags.get() / seconds, errors.get());
    }

    private void paintLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    terminal.print("\r\033[K" + line());
                    terminal.flush();
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (painter != null) {
            painter.interrupt();
            terminal.print("\r\033[K");
            terminal.flush();
        }
    }
}
