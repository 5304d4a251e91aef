/**
 * The metadata seam on JDBC (SQLite embedded, PostgreSQL to scale out): repositories, blobs and their links,
 * manifests and references, tags, uploads and their locks across nodes, registries, usage and GC state, with the
 * schema migrations. The interfaces are split by job so each consumer takes only what it uses; decisions that must
 * be taken inside a write transaction are rules the services pass in ({@link dev.wharf.meta.TagMove}, {@link
 * dev.wharf.meta.LinkQuota}, GC's predicates). Writes that change content record their domain event in the outbox
 * in their own transaction ({@link dev.wharf.meta.EventOutbox}). Imports only {@code oci} and {@code events} (pure
 * values).
 */
package dev.wharf.meta;
