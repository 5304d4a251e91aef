/**
 * Online garbage collection, retention policies, tag immutability and maintenance windows.
 *
 * <h2>What a run removes</h2>
 * A run covers one registry (the repositories {@code <registry>/…}) or the whole instance, in one of three modes:
 * {@code untagged_manifests_only}, {@code unreferenced_blobs_only}, {@code unreferenced_blobs_and_manifests}. In
 * order ({@link dev.wharf.gc.Collector}): retention policies remove tags (modes that remove manifests; never in a
 * dry run); {@link dev.wharf.gc.ManifestSweep} removes untagged manifests nothing needs (an index of the same
 * repository listing it, or a subject it refers to that is still there, keeps it; referrers whose subject is gone go
 * too unless configured otherwise); {@link dev.wharf.gc.BlobSweep} removes a repository's link to a blob no manifest
 * of that repository references, then the blob itself (record and bytes) once no link and no reference is left
 * anywhere; for the whole instance {@link dev.wharf.gc.OrphanFiles} removes stored bytes the metadata does not know.
 * Nothing younger than the grace period (default 1 h) goes: manifests by creation time, links by the time they were
 * last made (a push of an existing blob refreshes it), bytes by the time they were last published. A dry run
 * deletes nothing and reports exactly what a real run would remove, treating what it would remove as gone for later
 * decisions.
 *
 * <h2>Why a concurrent push never ends up referencing deleted content (design invariant 4)</h2>
 * <ol>
 *   <li><b>Decide inside the deleting transaction.</b> Scans are cheap read-only pages; every deletion then runs in
 *       a write transaction that locks the rows (PostgreSQL {@code FOR UPDATE}; SQLite has a single writer), reads
 *       their use again and applies the same rule ({@link dev.wharf.meta.GcSweepStore#deleteManifests},
 *       {@link dev.wharf.meta.GcSweepStore#collectBlobs}).</li>
 *   <li><b>Pushes lock what they rely on.</b> A manifest push share-locks the links and child manifests it checks,
 *       a blob link share-locks the blob record, a cross-repository mount share-locks the source link; each in the
 *       transaction that writes. So either the push commits first and the re-check sees it, or it waits and then
 *       finds the rows gone (MANIFEST_BLOB_UNKNOWN / a fresh insert), never a half state.</li>
 *   <li><b>Bytes go out of reach inside the record's transaction, and for good only after it.</b> Stored bytes
 *       are published before their record is linked, so the collector sets a blob's bytes aside while it still
 *       holds the record's lock, and only if they were last published before the cutoff
 *       ({@link dev.wharf.storage.BlobStore#setAsideIfOlder}: move aside, check the mtime, move back if fresh); it
 *       discards them once the deletion has committed and puts them back if it rolled back
 *       ({@link dev.wharf.gc.AsideBytes}). An upload whose link commits after such a deletion finds its bytes gone
 *       and is refused (the client uploads again); one that links first is seen by the re-check. A {@code kill -9}
 *       at any point leaves either the record with its bytes (put back from the set-aside area when the store is
 *       opened) or bytes without a record (collected later), never a record or link that outlives its bytes.
 *       Unknown stored files are first adopted as unlinked records, so their deletion takes the same path.</li>
 *   <li><b>Grace period.</b> Content younger than the grace period is never a candidate, which covers the gaps a
 *       client leaves between steps (blob upload, then manifest; children, then index).</li>
 * </ol>
 * The one visible effect of a concurrent collection on a client is a retryable error: a manifest push that relied on
 * a blob {@code HEAD} more than a grace period earlier may get MANIFEST_BLOB_UNKNOWN, and an upload that took longer
 * than the grace period between storing and linking gets BLOB_UPLOAD_INVALID.
 *
 * <h2>Runs, cancellation, crashes, several nodes</h2>
 * {@link dev.wharf.gc.GcService} records runs in {@code gc_runs}; a partial unique index admits one requested or
 * running run per scope, so two nodes sharing PostgreSQL cannot both start one. A requested run is claimed by one
 * node with a conditional update and executed page by page; between pages the node writes a heartbeat (with the
 * counters) and stops when the run was cancelled. Each page is atomic, so stopping or a {@code kill -9} at any
 * point leaves consistent state; a run whose heartbeat is older than the lease is marked failed and the next run
 * finishes the work (a crash between a blob's bytes and its record leaves an unlinked record or an unknown file,
 * both collected later). Records an earlier version left without bytes are removed once, at the first start
 * ({@link dev.wharf.gc.LostBytesRepair}). Memory stays bounded: pages of at most 500 rows, plus, in a dry run, one id per manifest
 * it would remove.
 *
 * <h2>Retention, immutability, schedules</h2>
 * {@link dev.wharf.gc.RetentionPolicy} describes the rules; {@link dev.wharf.gc.GcRules} stores policies and
 * windows and answers {@link dev.wharf.content.TagGuard} for immutable tags. {@link dev.wharf.gc.Scheduler} claims
 * each cron window in the database before requesting its run, so a window runs at most once whatever the number of
 * nodes or restarts, and a window missed while no node was up runs at the next start.
 * {@link dev.wharf.gc.GcModule} assembles it all.
 */
package dev.wharf.gc;
