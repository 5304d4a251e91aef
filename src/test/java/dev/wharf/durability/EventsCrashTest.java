package dev.wharf.durability;

import dev.wharf.auth.AuditLog;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.testing.ForkedRegistry;
import dev.wharf.testing.RegistryClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged push always has its event: a Wharf killed with SIGKILL among concurrent pushes leaves, for every
 * push it acknowledged, exactly one audited push once the outbox is delivered (as the next start does).
 */
@Tag("slow")
class EventsCrashTest {

    @Test
    void kill9DuringPushes_everyAcknowledgedPushIsAuditedOnce(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("data");
        Set<String> acked = ConcurrentHashMap.newKeySet();
        ForkedRegistry server = ForkedRegistry.start(root, dir.resolve("wharf.log"));
        RegistryClient client = server.client();
        ExecutorService pushers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int worker = w;
            pushers.submit(() -> push(client, worker, acked));
        }
        for (int wait = 0; wait < 600 && acked.size() < 20; wait++) {
            Thread.sleep(50);
        }
        server.kill();
        pushers.shutdownNow();
        assertThat(pushers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acked).isNotEmpty();

        try (JdbcMetadataStore store = JdbcMetadataStore.open("jdbc:sqlite:" + root.resolve("wharf.db"), null, null)) {
            AccountServices accounts = AccountServices.create(store);
            accounts.deliverPendingEvents();
            List<AuditLog.Event> pushes = accounts.audit().recent("evcrash", 10_000).stream()
                    .filter(e -> e.action().equals("push")).toList();
            Map<String, Long> perTarget = pushes.stream()
                    .collect(Collectors.groupingBy(AuditLog.Event::target, Collectors.counting()));
            assertThat(perTarget).as("acknowledged pushes").containsKeys(acked.toArray(String[]::new));
            assertThat(perTarget.values()).as("each push audited once").allMatch(n -> n == 1);
        }
    }

    /** Pushes images with unique tags until interrupted or the server dies; records the acknowledged ones. */
    private static void push(RegistryClient client, int worker, Set<String> acked) {
        String repo = "evcrash/w" + worker;
        for (int i = 0; i < 10_000 && !Thread.currentThread().isInterrupted(); i++) {
            try {
                client.pushImage(repo, "t" + i, (repo + " layer " + i).getBytes(StandardCharsets.UTF_8));
                acked.add(repo + ":t" + i);
            } catch (RuntimeException | AssertionError e) {
                return; // the server was killed
            }
        }
    }
}
