package dev.wharf.http.v2;

import dev.wharf.testing.SharedRegistryTest.OnPostgres;

/** {@link UploadApiTest} against a server whose metadata is PostgreSQL: monolithic and chunked uploads, mounts and cancellation. */
@OnPostgres
class PostgresUploadApiTest extends UploadApiTest {
}
