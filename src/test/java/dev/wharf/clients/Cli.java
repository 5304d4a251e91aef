package dev.wharf.clients;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external client tools (skopeo, podman, buildah) with a time limit, keeping their output for assertions. */
final class Cli {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private Cli() {
    }

    /** The result of one command: exit code ({@code -1} when it timed out), stdout bytes and stderr text. */
    record Result(List<String> command, int exitCode, byte[] stdout, String stderr, boolean timedOut) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String describe() {
            return "$ " + String.join(" ", command) + "\n"
                    + (timedOut ? "TIMED OUT\n" : "exit code " + exitCode + "\n")
                    + "--- stdout ---\n" + clip(out()) + "\n--- stderr ---\n" + clip(stderr);
        }

        private static String clip(String s) {
            return s.length() > 20_000 ? s.substring(0, 10_000) + "\n…\n" + s.substring(s.length() - 10_000) : s;
        }
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the calling test (or class) when {@code tool} is not installed. */
    static void assumeInstalled(String tool) {
        Assumptions.assumeTrue(onPath(tool),
                tool + " is not installed (not on PATH); bin/test-deps installs it from Debian. Skipping.");
    }

    static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile("wharf-cli", ".out");
            err = Files.createTempFile("wharf-cli", ".err");
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            p = pb.start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(List.copyOf(command), finished ? p.exitValue() : -1, Files.readAllBytes(out),
                    Files.readString(err, StandardCharsets.UTF_8), !finished);
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (p != null) {
                p.destroyForcibly();
            }
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            try {
                if (out != null) {
                    Files.deleteIfExists(out);
                }
                if (err != null) {
                    Files.deleteIfExists(err);
                }
            } catch (IOException ignored) {
                // temp files; nothing to do
            }
        }
    }
}
