package dev.wharf.meta;

import dev.wharf.meta.GcSweepStore.BlobDecision;
import dev.wharf.meta.GcSweepStore.BlobRemoval;
import dev.wharf.meta.GcSweepStore.BlobUse;
import dev.wharf.meta.GcSweepStore.ManifestRef;
import dev.wharf.meta.GcSweepStore.ManifestUse;
import dev.wharf.meta.GcSweepStore.TagRow;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.wharf.meta.MetadataFixtures.OTHER;
import static dev.wharf.meta.MetadataFixtures.REPO;
import static dev.wharf.meta.MetadataFixtures.digest;
import static dev.wharf.meta.MetadataFixtures.linkedImage;
import static dev.wharf.meta.MetadataFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's reads and re-checked deletes on a {@link GcStore}: untagged manifests and what keeps them, tags
 * by push time, blobs and their uses, and deletes that ask the caller's rule again inside their transaction.
 * Content is put in through the {@link MetadataStore} of the same database.
 */
interface GcSweepContract {

    MetadataStore meta();

    GcStore gc();

    /** Repositories the store has reported as changed so far. */
    List<RepositoryName> changed();

    /** Ids of {@code repo}'s untagged manifests by digest. */
    private Map<Digest, Long> untaggedIds(RepositoryName repo) {
        return gc().untaggedManifests(repo, Long.MAX_VALUE, Long.MAX_VALUE, 100).stream()
                .collect(Collectors.toMap(ManifestRef::digest, ManifestRef::id));
    }

    @Test
    default void untaggedManifests_andWhatKeepsEach() {
        ManifestRecord tagged = linkedImage(meta(), REPO, "tagged");
        ManifestRecord child = linkedImage(meta(), REPO, "child");
        meta().putManifest(tagged, "v1");
        meta().putManifest(child, null);
        ManifestRecord index = manifest(REPO, "{\"index\":1}", List.of(), List.of(child.digest()), null, null);
        ManifestRecord signature = manifest(REPO, "{\"sig\":1}", List.of(), List.of(), tagged.digest(), "sig");
        ManifestRecord orphan = manifest(REPO, "{\"sig\":2}", List.of(), List.of(), digest("gone"), "sig");
        for (ManifestRecord m : List.of(index, signature, orphan)) {
            meta().putManifest(m, null);
        }
        meta().putManifest(linkedImage(meta(), OTHER, "elsewhere"), null);

        Map<Digest, Long> ids = untaggedIds(REPO);

        assertThat(ids.keySet()).containsExactlyInAnyOrder(child.digest(), index.digest(), signature.digest(),
                orphan.digest());
        List<ManifestRef> page = gc().untaggedManifests(REPO, Long.MAX_VALUE, Long.MAX_VALUE, 2);
        assertThat(page).hasSize(2);
        assertThat(page.get(0).id()).as("highest ids first").isGreaterThan(page.get(1).id());
        assertThat(gc().untaggedManifests(REPO, Long.MAX_VALUE, page.get(1).id(), 100))
                .hasSize(2).allMatch(r -> r.id() < page.get(1).id());
        assertThat(gc().untaggedManifests(REPO, 0, Long.MAX_VALUE, 100)).as("none created before 0").isEmpty();

        ManifestUse childUse = gc().manifestUse(REPO, ids.get(child.digest())).orElseThrow();
        assertThat(childUse.tagged()).isFalse();
        assertThat(childUse.parents()).containsExactly(ids.get(index.digest()));
        assertThat(childUse.size()).isEqualTo(child.size());
        ManifestUse sigUse = gc().manifestUse(REPO, ids.get(signature.digest())).orElseThrow();
        assertThat(sigUse.subject()).isEqualTo(tagged.digest());
        assertThat(sigUse.subjectId()).isNotNull();
        assertThat(gc().manifestUse(REPO, sigUse.subjectId()).orElseThrow().tagged()).isTrue();
        ManifestUse orphanUse = gc().manifestUse(REPO, ids.get(orphan.digest())).orElseThrow();
        assertThat(orphanUse.subject()).isEqualTo(digest("gone"));
        assertThat(orphanUse.subjectId()).as("subject not in the repository").isNull();
        assertThat(gc().manifestUse(OTHER, ids.get(child.digest()))).as("another repository's id").isEmpty();
    }

    @Test
    default void deleteManifests_asksTheRuleAgainInsideItsTransaction() {
        ManifestRecord child = linkedImage(meta(), REPO, "child");
        meta().putManifest(child, null);
        ManifestRecord index = manifest(REPO, "{\"index\":1}", List.of(), List.of(child.digest()), null, null);
        meta().putManifest(index, null);
        Map<Digest, Long> ids = untaggedIds(REPO);
        changed().clear();

        // in order: the child still has its index as a parent when asked, the index has none
        List<ManifestRef> deleted = gc().deleteManifests(REPO,
                List.of(ids.get(child.digest()), ids.get(index.digest())),
                u -> !u.tagged() && u.parents().isEmpty());

        assertThat(deleted).extracting(ManifestRef::digest).containsExactly(index.digest());
        assertThat(meta().manifestByDigest(REPO, index.digest())).isEmpty();
        assertThat(meta().manifestByDigest(REPO, child.digest())).isPresent();
        assertThat(changed()).containsExactly(REPO);

        meta().putManifest(child, "now-tagged");
        changed().clear();
        assertThat(gc().deleteManifests(REPO, List.of(ids.get(child.digest())), u -> !u.tagged())).isEmpty();
        assertThat(gc().deleteManifests(REPO, List.of(), u -> true)).isEmpty();
        assertThat(changed()).as("nothing deleted, nothing to report").isEmpty();
        assertThat(gc().manifestUse(REPO, ids.get(child.digest())).orElseThrow().parents()).isEmpty();
    }

    @Test
    default void tagsByPushTime_pageThroughEveryTag_andDeleteOnlyAnUnchangedTag() {
        ManifestRecord a = linkedImage(meta(), REPO, "a");
        ManifestRecord b = linkedImage(meta(), REPO, "b");
        for (String tag : List.of("t1", "t2", "t3")) {
            meta().putManifest(a, tag);
        }
        List<String> names = new ArrayList<>();
        TagRow after = null;
        for (int i = 0; i < 5; i++) {
            List<TagRow> page = gc().tagsByPushTime(REPO, after, 1);
            if (page.isEmpty()) {
                break;
            }
            names.add(page.getFirst().name());
            after = page.getFirst();
        }
        assertThat(names).containsExactlyInAnyOrder("t1", "t2", "t3");

        Map<String, TagRow> rows = gc().tagsByPushTime(REPO, null, 10).stream()
                .collect(Collectors.toMap(TagRow::name, Function.identity()));
        assertThat(rows.get("t1").digest()).isEqualTo(a.digest());
        meta().putManifest(b, "t2"); // moved after it was read
        changed().clear();

        assertThat(gc().deleteTagIfUnchanged(REPO, rows.get("t2"))).isFalse();
        assertThat(changed()).isEmpty();
        assertThat(gc().deleteTagIfUnchanged(REPO, rows.get("t1"))).isTrue();
        assertThat(changed()).containsExactly(REPO);
        assertThat(gc().deleteTagIfUnchanged(REPO, rows.get("t1"))).isFalse();
        assertThat(meta().listTags(REPO, null, 10)).containsExactly("t2", "t3");
        assertThat(meta().manifestByTag(REPO, "t2").orElseThrow().digest()).isEqualTo(b.digest());
    }

    @Test
    default void blobDigests_pageThroughRecords_orThroughOneRegistrysLinks() {
        Digest x = digest("x");
        Digest y = digest("y");
        Digest z = digest("z");
        meta().linkBlob(REPO, x, 1);
        meta().linkBlob(OTHER, y, 1);
        meta().linkBlob(RepositoryName.parse("elsewhere/app"), z, 1);
        List<Digest> sorted = new ArrayList<>(List.of(x, y, z));
        sorted.sort((p, q) -> p.toString().compareTo(q.toString()));

        assertThat(gc().blobDigests(null, null, 10)).containsExactlyElementsOf(sorted);
        assertThat(gc().blobDigests(null, sorted.get(0), 1)).containsExactly(sorted.get(1));
        assertThat(gc().blobDigests("team", null, 10)).containsExactlyInAnyOrder(x, y);
        assertThat(gc().blobDigests("elsewhere", null, 10)).containsExactly(z);
        assertThat(gc().blobDigests("nobody", null, 10)).isEmpty();
    }

    @Test
    default void collectBlobs_unlinksWhatTheRuleNames_andDeletesRecordsOnlyWhenNothingHoldsThem() {
        ManifestRecord image = linkedImage(meta(), REPO, "kept");
        meta().putManifest(image, "v1");
        Digest referenced = image.blobReferences().getLast();
        Digest loose = digest("loose");
        Digest keepBytes = digest("bytes must stay");
        meta().linkBlob(REPO, loose, 5);
        meta().linkBlob(OTHER, loose, 5);
        meta().linkBlob(OTHER, keepBytes, 9);

        BlobUse looseUse = gc().blobUses(List.of(loose)).getFirst();
        assertThat(looseUse.size()).isEqualTo(5);
        assertThat(looseUse.links()).extracting(GcStore.Link::repository).containsExactlyInAnyOrder(REPO, OTHER);
        assertThat(looseUse.references()).isEmpty();
        assertThat(gc().blobUses(List.of(referenced)).getFirst().references()).hasSize(1);
        changed().clear();

        List<Digest> bytesDeleted = new ArrayList<>();
        BlobRemoval removal = gc().collectBlobs(List.of(referenced, loose, keepBytes, digest("unknown")),
                use -> new BlobDecision(use.links(), true),
                new GcStore.BytesRemoval() {
                    @Override
                    public long setAside(BlobUse use) {
                        bytesDeleted.add(use.digest());
                        return use.digest().equals(keepBytes) ? -1 : use.size();
                    }

                    @Override
                    public void finish(boolean committed) {
                    }
                });

        assertThat(removal.unlinked()).isEqualTo(4); // referenced's, loose's two, keepBytes'
        assertThat(removal.deletedRecords()).extracting(BlobUse::digest).containsExactly(loose);
        assertThat(removal.freedBytes()).isEqualTo(5);
        assertThat(bytesDeleted).as("never for a blob a manifest references").containsExactly(loose, keepBytes);
        assertThat(gc().knownBlobs(List.of(referenced, loose, keepBytes))).containsExactlyInAnyOrder(referenced,
                keepBytes);
        assertThat(meta().linkedBlobSize(OTHER, keepBytes)).isEmpty();
        assertThat(changed()).contains(REPO, OTHER);

        BlobRemoval keepAll = gc().collectBlobs(List.of(referenced), use -> BlobDecision.KEEP,
                new GcStore.BytesRemoval() {
                    @Override
                    public long setAside(BlobUse use) {
                        throw new AssertionError("kept blobs lose no bytes");
                    }

                    @Override
                    public void finish(boolean committed) {
                    }
                });
        assertThat(keepAll).isEqualTo(new BlobRemoval(0, List.of(), 0));
    }

    @Test
    default void adoptOrphans_recordsOnlyUnknownBlobs_asCreatedAtTimeZero() {
        Digest known = digest("known");
        Digest orphan = digest("orphan");
        meta().linkBlob(REPO, known, 3);
        BlobUse knownStored = new BlobUse(known, 3, 123, List.of(), List.of());
        BlobUse orphanStored = new BlobUse(orphan, 8, 456, List.of(), List.of());

        assertThat(gc().adoptOrphans(List.of(knownStored, orphanStored))).containsExactly(orphan);
        assertThat(gc().adoptOrphans(List.of(orphanStored))).as("known now").isEmpty();

        BlobUse adopted = gc().blobUses(List.of(orphan)).getFirst();
        assertThat(adopted.size()).isEqualTo(8);
        assertThat(adopted.createdAt()).isZero();
        assertThat(adopted.links()).isEmpty();
        assertThat(gc().knownBlobs(List.of(known, orphan, digest("never")))).containsExactlyInAnyOrder(known, orphan);
        assertThat(meta().blobSize(orphan)).contains(8L);
    }
}
