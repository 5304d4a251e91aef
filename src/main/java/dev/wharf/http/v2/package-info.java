/**
 * The OCI Distribution v1.1 data plane at {@code /v2/}: one endpoint class per route family, translating HTTP
 * to {@code content} service calls and errors to the OCI envelope.
 * Imports {@code http.reply}, {@code http.auth}, {@code content}, {@code auth}, {@code events}, {@code oci},
 * {@code storage} (the {@code BlobSource} a service hands back); today also {@code meta}. It never infers events
 * from statuses: the services emit them.
 */
package dev.wharf.http.v2;
