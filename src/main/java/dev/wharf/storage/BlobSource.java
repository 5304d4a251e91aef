package dev.wharf.storage;

import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * How a committed blob's bytes reach a client, as the store that holds them can best offer it: a local file the HTTP
 * layer sends itself (zero-copy, any range), a channel it copies from (any range), or a URL the client fetches the
 * bytes from itself (an S3 presigned URL, which answers ranges too). Returned by {@link BlobStore#serve}.
 */
public sealed interface BlobSource {

    /** The blob is the regular file {@code path} of {@code size} bytes; nothing to close. */
    record LocalFile(Path path, long size) implements BlobSource {
    }

    /** The blob's bytes at any position of {@code channel}, {@code size} in all; whoever sends them closes it. */
    record Stream(SeekableByteChannel channel, long size) implements BlobSource {
    }

    /** The client should fetch the blob from {@code location} (answered with 307 Temporary Redirect). */
    record Redirect(URI location) implements BlobSource {
    }
}
