package dev.wharf.http.v2;

import dev.wharf.testing.SharedRegistryTest.OnPostgres;

/** {@link DiscoveryApiTest} against a server whose metadata is PostgreSQL: tag listings, the catalog and referrers. */
@OnPostgres
class PostgresDiscoveryApiTest extends DiscoveryApiTest {
}
