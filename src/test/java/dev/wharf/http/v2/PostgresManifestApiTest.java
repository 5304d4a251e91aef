package dev.wharf.http.v2;

import dev.wharf.testing.SharedRegistryTest.OnPostgres;

/** {@link ManifestApiTest} against a server whose metadata is PostgreSQL: manifest pushes, tags and deletes. */
@OnPostgres
class PostgresManifestApiTest extends ManifestApiTest {
}
