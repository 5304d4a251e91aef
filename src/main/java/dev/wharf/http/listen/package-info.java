/**
 * The listeners' connectors: header-read deadline, idle timeout and connection cap, one set for the main port and
 * the management API. Imports {@code config} and Jetty only.
 */
package dev.wharf.http.listen;
