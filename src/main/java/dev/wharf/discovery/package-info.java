/**
 * {@code wharf discover}: inventories other registries (Docker Hub, GHCR, ECR, GCR, ACR, private) into a graph
 * of registries, repositories, manifests and images; this package runs providers and builds the entities.
 * Imports its sub-packages and {@code oci} only; none of them imports it except {@code discovery.state}.
 */
package dev.wharf.discovery;
