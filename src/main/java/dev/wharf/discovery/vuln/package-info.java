/**
 * Summaries of vulnerability reports attached to images as OCI referrers (SARIF and scanners' JSON).
 * Imports {@code discovery.client} and {@code oci}.
 */
package dev.wharf.discovery.vuln;
