package dev.wharf.cli;

import dev.wharf.tenancy.TenancyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * What the registry-management commands share: they open Wharf on metadata only (the same database the server
 * uses, like registry:2's offline tools). Commands that delete content should run against PostgreSQL or a stopped
 * server: a running server on embedded SQLite caches manifests in memory and would not see the delete until
 * restarted (use the management API instead).
 */
final class TenancyCli {
    private TenancyCli() {
    }

    /** Runs {@code body}; a refused request prints its reason and exits 1 without a stack trace. */
    static int run(PrintWriter err, Body body) {
        try {
            body.run();
            return 0;
        } catch (TenancyException e) {
            err.println("wharf: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface Body {
        void run() throws IOException;
    }
}
