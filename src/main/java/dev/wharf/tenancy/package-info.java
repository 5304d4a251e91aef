/**
 * Named registries (tenants) with subscription tiers, quotas, usage and declarative apply, on top of the
 * data-plane services.
 * Imports {@code content}, {@code meta}, {@code storage}, {@code auth}, {@code config}, {@code events} and
 * {@code oci}.
 */
package dev.wharf.tenancy;
