/**
 * Health, readiness and Prometheus metrics endpoints, and the request metrics handler.
 * Imports nothing of ours: checks and gauges are handed in as functions.
 */
package dev.wharf.http.observe;
