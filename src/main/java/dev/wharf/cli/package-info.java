/**
 * The {@code wharf} command line (picocli): serve, accounts, tokens, registries, repositories, GC, apply and
 * discover. Commands parse arguments and call services; {@code serve} hands over to the composition root.
 * May import any package.
 */
package dev.wharf.cli;
