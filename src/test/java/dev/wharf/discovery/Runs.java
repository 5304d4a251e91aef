package dev.wharf.discovery;

import dev.wharf.discovery.config.DiscoveryConfig;
import dev.wharf.discovery.config.DiscoveryConfigLoader;

import java.time.Clock;
import java.util.Map;

/** Runs discovery in-process from YAML text. */
final class Runs {
    private Runs() {
    }

    static Discovery.Result run(String yaml) {
        return run(yaml, Map.of());
    }

    static Discovery.Result run(String yaml, Map<String, String> env) {
        DiscoveryConfig config = new DiscoveryConfigLoader(env::get).parse(yaml);
        try (Progress progress = new Progress(null)) {
            return new Discovery(config, Clock.systemUTC())
                    .run(new RunLog(new Redactor(config.secrets()), s -> { }), progress);
        }
    }

    /** A one-provider config; {@code extra} is indented config lines (selectors, credentials, ...). */
    static String provider(String name, String type, String url, String extra) {
        return "providers:\n  - name: " + name + "\n    type: docker\n    config:\n      registry_type: " + type
                + "\n      api_url: " + url + "\n      namespace: inventory\n" + extra;
    }
}
