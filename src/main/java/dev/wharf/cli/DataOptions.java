package dev.wharf.cli;

import dev.wharf.app.Wharf;
import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The one option set of every command that works on Wharf's data ({@code serve}, accounts, registries, GC): where
 * the configuration and the data are. A command declares it once, as a {@code @Mixin}; its subcommands inherit it.
 * {@link #open} builds Wharf from it through the composition root, in the mode the command needs.
 */
final class DataOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "YAML configuration file, shaped like the one of registry:2. Env: WHARF_CONFIG.")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Directory for blobs and the default SQLite database. "
                    + "Env: REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY; YAML: storage.filesystem.rootdirectory; "
                    + "default: data, under the current directory.")
    Path data;

    /** The configuration as {@code wharf serve} reads it: defaults, the file, the environment, these options. */
    WharfConfig load(Map<String, String> env) {
        return load(env, config, null, w -> { });
    }

    /** As {@link #load(Map)}, with serve's own {@code configFile} (given once) and {@code addr}. */
    WharfConfig load(Map<String, String> env, Path configFile, String addr, Consumer<String> warnings) {
        return new ConfigLoader(env, warnings).load(new ConfigLoader.Flags(configFile, addr, data));
    }

    /** Wharf on the configured data, opened through the composition root; closing it closes what it opened. */
    Wharf open(Map<String, String> env, Wharf.Mode mode) throws IOException {
        return Wharf.open(load(env), mode);
    }
}
