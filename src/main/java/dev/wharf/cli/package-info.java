/**
 * The {@code wharf} command line (picocli): serve, accounts, tokens, registries, repositories, GC, apply and
 * discover. Commands parse arguments and call services. Every command on Wharf's data takes the one
 * {@code --config}/{@code --data} option set ({@code DataOptions}) and opens {@link dev.wharf.app.Wharf}, the
 * composition root, in the mode it needs; {@code serve} hands the configuration to {@code http.WharfServer}.
 * Imports {@code app}, {@code http}, the services, {@code auth}, {@code config}, {@code discovery}, {@code meta}
 * (records it prints) and {@code oci}; never {@code storage}.
 */
package dev.wharf.cli;
