/**
 * The blob storage seam: content-addressed blobs ({@link dev.wharf.storage.BlobStore}) and upload staging
 * ({@link dev.wharf.storage.UploadStaging}); which repository sees a blob is the metadata's business.
 * Imports only {@code oci}; implementations live in sub-packages.
 */
package dev.wharf.storage;
