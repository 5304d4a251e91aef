package dev.wharf.app;

import dev.wharf.config.WharfConfig;
import dev.wharf.gc.GcControl;
import dev.wharf.meta.CachingMetadataStore;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The composition root opens what each mode needs, and no more. */
class WharfTest {

    private static WharfConfig config(Path root) {
        return TestRegistry.configFor(root, true, Map.of());
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).count();
    }

    @Test
    void metadataMode_opensTheDatabase_butNoStorageAndNoGc(@TempDir Path root) throws Exception {
        try (Wharf wharf = Wharf.open(config(root), Wharf.Mode.METADATA)) {
            assertThat(wharf.registries().list(null)).isEmpty();
            assertThat(wharf.accounts().accounts().find("nobody")).isEmpty();
            assertThat(Files.exists(root.resolve("wharf.db"))).isTrue();
            assertThat(Files.exists(root.resolve("blobs"))).as("no blob store opened").isFalse();
            assertThatThrownBy(wharf::blobs).isInstanceOf(IllegalStateException.class).hasMessageContaining("METADATA");
            assertThatThrownBy(wharf::gc).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(wharf::logins).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void contentMode_hasGcAndServices_butRunsNothingInTheBackground(@TempDir Path root) throws Exception {
        long gcThreads = threadsNamed("wharf-gc");
        long maintenanceThreads = threadsNamed("wharf-maintenance");
        try (Wharf wharf = Wharf.open(config(root), Wharf.Mode.CONTENT)) {
            assertThat(wharf.meta()).as("commands read the database itself")
                    .isNotInstanceOf(CachingMetadataStore.class);
            assertThat(threadsNamed("wharf-gc")).isEqualTo(gcThreads);
            assertThat(threadsNamed("wharf-maintenance")).isEqualTo(maintenanceThreads);

            GcControl.Run run = wharf.gc().start(null, GcControl.Type.UNREFERENCED_BLOBS_AND_MANIFESTS, true);
            assertThat(wharf.gc().get(run.uuid()).orElseThrow().status()).isEqualTo(GcControl.Status.REQUESTED);
            assertThat(wharf.gc().runNext()).as("the command executes the run itself").isTrue();
            assertThat(wharf.gc().get(run.uuid()).orElseThrow().status()).isEqualTo(GcControl.Status.SUCCEEDED);
        }
    }

    @Test
    void serveMode_cachesSqliteReads_andStopsItsBackgroundWorkOnClose(@TempDir Path root) throws Exception {
        long gcThreads = threadsNamed("wharf-gc");
        Wharf wharf = Wharf.open(config(root), Wharf.Mode.SERVE);
        try {
            assertThat(wharf.meta()).isInstanceOf(CachingMetadataStore.class);
            assertThat(wharf.logins()).isNotNull();
            assertThat(threadsNamed("wharf-gc")).isEqualTo(gcThreads + 1);
        } finally {
            wharf.close();
        }
        for (int i = 0; i < 200 && threadsNamed("wharf-gc") > gcThreads; i++) {
            Thread.sleep(10); // the worker thread ends just after its executor terminates
        }
        assertThat(threadsNamed("wharf-gc")).isEqualTo(gcThreads);
    }
}
