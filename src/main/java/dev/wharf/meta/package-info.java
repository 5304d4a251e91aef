/**
 * The metadata seam on JDBC (SQLite embedded, PostgreSQL to scale out): repositories, blobs and their links,
 * manifests and references, tags, uploads, registries, usage and GC state, with the schema migrations. The
 * interfaces are split by job so each consumer takes only what it uses; decisions that must be taken inside a write
 * transaction are rules the services pass in ({@link dev.wharf.meta.TagMove}, {@link dev.wharf.meta.LinkQuota},
 * GC's predicates). Imports only {@code oci}.
 */
package dev.wharf.meta;
