/**
 * The metadata seam on JDBC (SQLite embedded, PostgreSQL to scale out): repositories, blobs and their links,
 * manifests and references, tags, uploads and their locks across nodes, registries, usage and GC state, with the
 * schema migrations.
 * Imports only {@code oci}.
 */
package dev.wharf.meta;
