package dev.wharf.http.v2;

import dev.wharf.testing.SharedRegistryTest.OnPostgres;

/** {@link BlobApiTest} against a server whose metadata is PostgreSQL: reads, ranges, visibility across repositories and deletes. */
@OnPostgres
class PostgresBlobApiTest extends BlobApiTest {
}
