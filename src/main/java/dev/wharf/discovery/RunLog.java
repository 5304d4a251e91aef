package dev.wharf.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Warnings and errors of a run, scrubbed of secrets as they arrive; safe to fill from many threads. */
public final class RunLog {
    private final Redactor redactor;
    private final Consumer<String> live;
    private final List<Problem> warnings = new ArrayList<>();
    private final List<Problem> errors = new ArrayList<>();

    /** {@code live} sees each problem as it happens (the terminal); may do nothing. */
    public RunLog(Redactor redactor, Consumer<String> live) {
        this.redactor = redactor;
        this.live = live;
    }

    public void warn(String provider, String repository, String message) {
        Problem p = new Problem(provider, repository, null, redactor.scrub(message));
        synchronized (this) {
            warnings.add(p);
        }
        live.accept("warning: " + p);
    }

    public void error(String provider, String repository, String tag, String message) {
        Problem p = new Problem(provider, repository, tag, redactor.scrub(message));
        synchronized (this) {
            errors.add(p);
        }
        live.accept("error: " + p);
    }

    public synchronized List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    public synchronized List<Problem> errors() {
        return List.copyOf(errors);
    }
}
