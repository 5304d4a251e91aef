package dev.wharf.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base for API test classes that share one real Wharf (open, deletes enabled) across their tests. */
public abstract class SharedRegistryTest {
    protected static TestRegistry registry;
    protected static RegistryClient client;

    @BeforeAll
    static void startSharedRegistry() throws Exception {
        registry = TestRegistry.start();
        client = registry.client();
    }

    @AfterAll
    static void stopSharedRegistry() throws Exception {
        registry.close();
    }
}
