package dev.wharf.storage.fs;

import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static dev.wharf.storage.fs.StorageTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upload ids, creation, cancellation and finding abandoned uploads. */
class FilesystemUploadLifecycleTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../x", "..", ".", "a/b", "a\\b", "x y", "u1/../../escape", "über", "a\u0000b"})
    void invalidUploadIdsAreUnknown(String id) throws IOException {
        var store = new FilesystemBlobStore(root.resolve("store"));
        var uploads = store.uploads();
        assertThatThrownBy(() -> uploads.create(id)).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThatThrownBy(() -> uploads.append(id, 0, in(new byte[]{1}), 10)).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThatThrownBy(() -> uploads.commit(id, Digest.sha256(new byte[]{1}))).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThat(uploads.size(id)).isEqualTo(-1);
        assertThat(uploads.cancel(id)).isFalse();
        try (Stream<Path> s = Files.list(root)) {
            assertThat(s).containsExactly(root.resolve("store"));
        }
        assertThat(uploadDirs(root.resolve("store"))).isEmpty();
    }

    @Test
    void idsLongerThan64CharactersAreUnknown() throws IOException {
        var uploads = new FilesystemBlobStore(root).uploads();
        for (String id : List.of("a".repeat(200), "a".repeat(65))) {
            assertThatThrownBy(() -> uploads.create(id)).satisfies(
                    e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        }
        uploads.create("a".repeat(64));
        assertThat(uploads.size("a".repeat(64))).isZero();
    }

    @Test
    void unknownButWellFormedIds() throws IOException {
        var uploads = new FilesystemBlobStore(root).uploads();
        String id = "0b5a6d7e-1f2a-4c3b-8d9e-0a1b2c3d4e5f";
        assertThatThrownBy(() -> uploads.append(id, 0, in(new byte[]{1}), 10)).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThatThrownBy(() -> uploads.commit(id, Digest.sha256(new byte[0]))).satisfies(
                e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThat(uploads.size(id)).isEqualTo(-1);
        assertThat(uploads.cancel(id)).isFalse();
    }

    @Test
    void createTwiceFails() throws IOException {
        var uploads = new FilesystemBlobStore(root).uploads();
        uploads.create("u1");
        uploads.append("u1", 0, in(new byte[]{1, 2, 3}), 10);
        assertThatThrownBy(() -> uploads.create("u1")).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(uploads.size("u1")).isEqualTo(3);
    }

    @Test
    void cancelRemovesTheUpload() throws IOException {
        var store = new FilesystemBlobStore(root);
        store.uploads().create("u1");
        store.uploads().append("u1", 0, in(new byte[]{1, 2, 3}), 10);
        assertThat(store.uploads().cancel("u1")).isTrue();
        assertThat(store.uploads().cancel("u1")).isFalse();
        assertThat(store.uploads().size("u1")).isEqualTo(-1);
        assertThat(uploadDirs(root)).isEmpty();
    }

    @Test
    void idleSinceListsUploadsLastWrittenBeforeTheCutoff() throws IOException {
        var store = new FilesystemBlobStore(root);
        var uploads = store.uploads();
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        uploads.create("old");
        uploads.append("old", 0, in(new byte[]{1}), 10);
        Files.setLastModifiedTime(root.resolve("uploads/old/data"), FileTime.from(twoHoursAgo));
        uploads.create("fresh");
        Path halfCreated = Files.createDirectory(root.resolve("uploads/no-data-file"));
        Files.setLastModifiedTime(halfCreated, FileTime.from(twoHoursAgo));
        Path stray = Files.createDirectory(root.resolve("uploads/not.an.id"));
        Files.setLastModifiedTime(stray, FileTime.from(twoHoursAgo));

        assertThat(uploads.idleSince(Instant.now().minus(Duration.ofHours(1))))
                .containsExactlyInAnyOrder("old", "no-data-file");
        assertThat(uploads.idleSince(twoHoursAgo.minusSeconds(60))).isEmpty();
        assertThat(uploads.cancel("no-data-file")).isTrue();
    }
}
