/**
 * The filesystem implementation of the storage seam: staged uploads, hashing while streaming, atomic publish
 * with fsync, and free-space detection ({@code STORAGE_FULL}).
 * Imports {@code storage} and {@code oci}; only the composition root and the CLI name these classes.
 */
package dev.wharf.storage.fs;
