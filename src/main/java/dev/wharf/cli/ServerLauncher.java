package dev.wharf.cli;

import dev.wharf.config.WharfConfig;

/**
 * The seam between the CLI and the HTTP server: {@code wharf serve} loads the configuration and hands
 * it over. {@link Main} passes {@code WharfServer::start}; tests pass a fake so the CLI is tested without a server.
 */
public interface ServerLauncher {
    /**
     * Assembles and starts a server from {@code config} and returns once it accepts connections.
     *
     * @return closes the server and everything it opened; called once, on SIGTERM/SIGINT
     * @throws Exception if the server cannot start (port in use, database unreachable…); {@code serve} then exits 1
     */
    AutoCloseable start(WharfConfig config) throws Exception;
}
