/**
 * The metadata seam on JDBC (SQLite embedded, PostgreSQL to scale out): repositories, blobs and their links,
 * manifests and references, tags, uploads and their locks across nodes, registries, usage and GC state, with the
 * schema migrations. Writes that change content record their domain event in the outbox in their own transaction
 * ({@link dev.wharf.meta.EventOutbox}). Imports only {@code oci} and {@code events} (pure values).
 */
package dev.wharf.meta;
