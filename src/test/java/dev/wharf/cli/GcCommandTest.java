package dev.wharf.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wharf gc …} in-process against a data directory with no server running. */
class GcCommandTest {
    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Main.commandLine(Map.of("WHARF_GC_GRACE_PERIOD", "0s"), List::of, server -> { });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = dir.toString();
        return cl.execute(all);
    }

    @Test
    void runHere_dryRun_thenListStatusAndCancel() {
        assertThat(run("gc", "run", "--registry", "team", "--dry-run", "--here")).isZero();
        assertThat(out.toString()).contains("succeeded", "unreferenced_blobs_and_manifests", "team", "dry-run");
        String uuid = out.toString().substring(0, 36);

        assertThat(run("gc", "list")).isZero();
        assertThat(out.toString()).contains(uuid, "1 runs");
        assertThat(run("gc", "status", uuid)).isZero();
        assertThat(out.toString()).contains(uuid, "succeeded");
        assertThat(run("gc", "status", "--registry", "team")).isEqualTo(1);
        assertThat(err.toString()).contains("no active run");
        assertThat(run("gc", "cancel", uuid)).as("a finished run cannot be cancelled").isEqualTo(1);
        assertThat(run("gc", "cancel", "no-such-run")).isEqualTo(1);
        assertThat(err.toString()).contains("no run no-such-run");

        assertThat(run("gc", "run", "--no-wait", "--type", "unreferenced_blobs_only")).isZero();
        assertThat(out.toString()).contains("requested");
        assertThat(run("gc", "run", "--no-wait")).as("one active run per scope").isEqualTo(1);
        assertThat(err.toString()).contains("already active for the whole instance");
        String refusedOutput = out.toString();
        assertThat(run("gc", "list", "--per-page", "1")).isZero();
        String pending = out.toString().substring(0, 36);
        assertThat(run("gc", "cancel", pending)).isZero();
        assertThat(out.toString()).contains("cancelled");
        assertThat(refusedOutput).isEmpty();
    }

    @Test
    void badArguments_areUsageErrorsNamingTheProblem() {
        assertThat(run("gc", "run", "--type", "everything")).isEqualTo(2);
        assertThat(err.toString()).contains("--type must be one of");
        assertThat(run("gc", "run", "--registry", "a/b", "--here")).isEqualTo(2);
        assertThat(err.toString()).contains("without '/'");
        assertThat(run("gc", "schedule", "set", "--cron", "0 3 * *")).isEqualTo(2);
        assertThat(err.toString()).contains("five fields");
        assertThat(run("gc", "schedule", "set", "--cron", "0 3 * * *", "--time-zone", "Mars/Olympus")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown time zone");
        assertThat(run("gc", "policy", "set", "--registry", "team", "--keep-last", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("keep-last must be 0 or more");
        assertThat(run("gc", "policy", "set", "--registry", "team", "--keep-tags", "a,,b")).isEqualTo(2);
        assertThat(run("gc", "policy", "list")).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void policiesAndSchedules_roundTrip() {
        assertThat(run("gc", "policy", "set", "--registry", "team", "--repositories", "apps/*", "--keep-last", "5",
                "--protected-tags", "release-*,stable", "--immutable-tags", "v*")).isZero();
        assertThat(run("gc", "policy", "list")).isZero();
        assertThat(out.toString()).contains("team/apps/*", "keep-last=5", "protected=release-*,stable", "immutable=v*");
        assertThat(run("gc", "policy", "plan")).isZero();
        assertThat(out.toString()).contains("0 tags would be removed");
        assertThat(run("gc", "policy", "delete", "--registry", "team", "--repositories", "apps/*")).isZero();
        assertThat(run("gc", "policy", "delete", "--registry", "team", "--repositories", "apps/*")).isEqualTo(1);

        assertThat(run("gc", "schedule", "set", "--registry", "team", "--cron", "0 3 * * 0", "--time-zone",
                "Europe/Berlin", "--type", "untagged_manifests_only")).isZero();
        assertThat(run("gc", "schedule", "list")).isZero();
        assertThat(out.toString()).contains("team: 0 3 * * 0 (Europe/Berlin) untagged_manifests_only",
                "garbage_collection_enabled=true");
        assertThat(run("gc", "schedule", "delete", "--registry", "team")).isZero();
        assertThat(run("gc", "schedule", "delete", "--registry", "team")).isEqualTo(1);
    }
}
