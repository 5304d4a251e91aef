/**
 * The composition root, {@link dev.wharf.app.Wharf}: builds storage, metadata and its cache, the services, garbage
 * collection and the credential check from the configuration, in one of three modes (serve, content commands,
 * metadata commands). The only package that names implementations ({@code storage.fs}, {@code JdbcMetadataStore},
 * {@code CachingMetadataStore}). Imports the services, {@code gc}, {@code auth}, {@code meta}, {@code storage},
 * {@code config} and {@code oci}; never {@code http} or {@code cli}, which import it.
 */
package dev.wharf.app;
