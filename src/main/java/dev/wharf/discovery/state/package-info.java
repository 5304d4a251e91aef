/**
 * Inventory state between runs (SQLite): what was added, changed or removed since the last run.
 * Imports {@code discovery}, {@code discovery.graph} and {@code oci}.
 */
package dev.wharf.discovery.state;
