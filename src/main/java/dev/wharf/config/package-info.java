/**
 * The configuration: one record tree ({@link dev.wharf.config.WharfConfig}) with defaults in one place, read from
 * YAML, {@code REGISTRY_*}/{@code WHARF_*} environment variables and flags; invalid values name the setting.
 * Imports nothing of ours.
 */
package dev.wharf.config;
