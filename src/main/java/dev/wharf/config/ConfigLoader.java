package dev.wharf.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link WharfConfig} from, in increasing precedence: {@link WharfConfig#defaults()}, an optional YAML file
 * (named by {@code --config} or {@code WHARF_CONFIG}, shaped like registry:2's {@code config.yml}), environment
 * variables (registry:2's {@code REGISTRY_…} names and Wharf's {@code WHARF_…}) and command-line flags.
 *
 * <p>Unknown or invalid settings throw {@link ConfigException} naming the setting, so mistakes fail at start instead
 * of running with a default the user did not ask for. registry:2 settings Wharf does not use yet are accepted with a
 * warning; the environment is passed in rather than read, so tests need no process environment.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** Names the YAML file when {@code --config} is not given. */
    public static final String CONFIG_ENV = EnvSource.CONFIG;

    /** Command-line overrides; null fields are not given. */
    public record Flags(Path config, String addr, Path data) {
        public static final Flags NONE = new Flags(null, null, null);
    }

    private final Map<String, String> env;
    private final Consumer<String> warningSink;
    private final List<String> warnings = new ArrayList<>();

    /** Warnings are logged at WARN as they are found. */
    public ConfigLoader(Map<String, String> env) {
        this(env, w -> LOG.warn("{}", w));
    }

    /** Warnings go to {@code warningSink} (the CLI logs them once logging is configured from the result). */
    public ConfigLoader(Map<String, String> env, Consumer<String> warningSink) {
        this.env = Map.copyOf(env);
        this.warningSink = warningSink;
    }

    /** Loads from defaults, the file named by {@code WHARF_CONFIG} (if set) and the environment. */
    public WharfConfig load() {
        return load(Flags.NONE);
    }

    /** Loads from defaults, the file ({@code flags.config()} else {@code WHARF_CONFIG}), environment and flags. */
    public WharfConfig load(Flags flags) {
        warnings.clear();
        Draft d = new Draft(WharfConfig.defaults(), w -> {
            warnings.add(w);
            warningSink.accept(w);
        });
        String namedBy = flags.config() != null ? "--config" : CONFIG_ENV;
        Path file = flags.config() != null ? flags.config() : path(CONFIG_ENV, env.get(CONFIG_ENV));
        if (file != null) {
            YamlSource.apply(file, namedBy, d);
        }
        EnvSource.apply(env, d);
        if (flags.addr() != null) {
            d.addr("--addr", flags.addr());
        }
        if (flags.data() != null) {
            d.root("--data", flags.data().toString());
        }
        return d.build();
    }

    /** The warnings of the last {@link #load} (settings accepted but ignored), each starting with the setting. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The environment variables Wharf reads (besides {@code REGISTRY_HTTP_HEADERS_<Name>}), for help texts. */
    public static List<String> environmentVariables() {
        return List.copyOf(EnvSource.SETTINGS.keySet());
    }

    private static Path path(String setting, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Path.of(raw.strip());
        } catch (InvalidPathException e) {
            throw new ConfigException(setting, "not a valid path: " + e.getReason());
        }
    }
}
