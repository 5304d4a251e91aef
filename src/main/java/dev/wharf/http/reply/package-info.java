/**
 * What every HTTP surface writes: a {@link dev.wharf.http.reply.Reply} and its one writer, the OCI error envelope
 * and the shared JSON mapper. The handler packages ({@code http.v2}, {@code http.api}, {@code http.ui},
 * {@code http.auth}) import it; it imports only {@code oci}, so no package points back up.
 */
package dev.wharf.http.reply;
