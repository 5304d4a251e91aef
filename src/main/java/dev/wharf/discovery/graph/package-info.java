/**
 * The inventory graph model: entities in resource form, their references, relationships and canonical JSON.
 * Imports nothing of ours.
 */
package dev.wharf.discovery.graph;
