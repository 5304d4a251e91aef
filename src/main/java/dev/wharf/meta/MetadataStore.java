package dev.wharf.meta;

/**
 * Registry state on JDBC (SQLite embedded, PostgreSQL for scale-out), whole: what the composition root opens,
 * checks and closes. Consumers take only the part they use: {@link RepositoryListings} (read-only, for the data
 * plane, the UI and the API), {@link BlobLinkStore}, {@link ManifestStore}, {@link ContentStore} (both, with the
 * listings and repository deletion) or {@link UploadStore} (upload sessions and the links they make). Every
 * method is its own transaction; {@link #putManifest} checks the references and writes the manifest, its references
 * and its tag in one (design invariant 2). Implementations are thread-safe.
 *
 * <p>Writes that change content take the domain {@link dev.wharf.events.Event} describing the change (null: none)
 * and record it in the event outbox in their own transaction, only when the change happened: an acknowledged change
 * always has its event, a refused or rolled-back one never does.
 */
public interface MetadataStore extends ContentStore, UploadStore, AutoCloseable {

    /** Checks the database answers (for /ready). */
    void check();

    @Override
    void close();
}
