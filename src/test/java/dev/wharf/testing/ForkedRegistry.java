package dev.wharf.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Wharf server in a separate JVM, so a test can {@code kill -9} it. */
public final class ForkedRegistry implements AutoCloseable {
    private final Process process;
    private final int port;

    private ForkedRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ForkedRegistry start(Path root, Path log) throws Exception {
        return start(root, log, List.of());
    }

    /** With extra JVM options, e.g. {@code -Dwharf.test.gc=0s,2s,100ms} (see {@link ServerMain}). */
    public static ForkedRegistry start(Path root, Path log, List<String> jvmOptions) throws Exception {
        Path portFile = root.resolveSibling(root.getFileName() + ".port");
        Files.deleteIfExists(portFile);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
                root.toString(), portFile.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("forked Wharf did not start; see " + log);
            }
            Thread.sleep(50);
        }
        return new ForkedRegistry(p, Integer.parseInt(Files.readString(portFile).trim()));
    }

    public RegistryClient client() {
        return new RegistryClient(URI.create("http://127.0.0.1:" + port));
    }

    /** SIGKILL: no shutdown hooks, no flushing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
