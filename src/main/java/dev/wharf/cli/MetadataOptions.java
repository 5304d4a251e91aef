package dev.wharf.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the account commands find the metadata database: the same configuration {@code wharf serve} reads. */
final class MetadataOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration file, as for `wharf serve`. Env: WHARF_CONFIG.")
    Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory holding the default SQLite database, as for `wharf serve`. "
                    + "Env: REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY.")
    Path data;
}
