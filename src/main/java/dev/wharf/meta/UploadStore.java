package dev.wharf.meta;

/** What blob uploads need: their sessions, and the blob links a completed or mounted upload makes. */
public interface UploadStore extends UploadSessionStore, BlobLinkStore {
}
