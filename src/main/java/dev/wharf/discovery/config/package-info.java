/**
 * The discovery configuration file: providers, credentials (redacted) and selectors, with errors naming the
 * field.
 * Imports nothing of ours.
 */
package dev.wharf.discovery.config;
