package dev.wharf.testing;

import dev.wharf.config.WharfConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Base for API test classes that share one real Wharf (open, deletes enabled) across their tests. Its metadata is
 * embedded SQLite, or PostgreSQL (a schema of the shared {@link TestPostgres}) when the concrete class is
 * annotated {@link OnPostgres}: a suite runs on both with an empty annotated subclass.
 */
public abstract class SharedRegistryTest {
    protected static TestRegistry registry;
    protected static RegistryClient client;

    /** The shared server of this test class keeps its metadata in PostgreSQL. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface OnPostgres {
    }

    @BeforeAll
    static void startSharedRegistry(TestInfo info) throws Exception {
        boolean postgres = info.getTestClass().orElseThrow().isAnnotationPresent(OnPostgres.class);
        String url = postgres ? TestPostgres.shared().newSchemaUrl("v2_") : null;
        registry = url == null ? TestRegistry.start()
                : TestRegistry.start(c -> c.withDatabase(new WharfConfig.Database(url, TestPostgres.USER, null)));
        client = registry.client();
    }

    @AfterAll
    static void stopSharedRegistry() throws Exception {
        registry.close();
    }
}
