package dev.wharf.cli;

import dev.wharf.app.Wharf;
import dev.wharf.meta.RegistryContentListings.ManifestSummary;
import dev.wharf.meta.RegistryContentListings.RepositorySummary;
import dev.wharf.meta.RegistryContentListings.TagSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;

/** {@code wharf repo list|tags|manifests|delete}: a registry's repositories, as the management API shows them. */
@Command(name = "repo", mixinStandardHelpOptions = true,
        description = "List and delete a registry's repositories, tags and manifests.")
final class RepoCommand {
    private static final int ALL = 10_000;
    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions options;

    RepoCommand(Map<String, String> env) {
        this.env = env;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int run(java.util.function.Consumer<Wharf> body) {
        return TenancyCli.run(spec.commandLine().getErr(), () -> {
            try (Wharf s = options.open(env, Wharf.Mode.METADATA)) {
                body.accept(s);
            }
        });
    }

    @Command(name = "list", description = "List the repositories of a registry.")
    int list(@Parameters(paramLabel = "REGISTRY") String registry) {
        return run(s -> {
            for (RepositorySummary r : s.content().repositories(registry, null, 0, ALL).items()) {
                out().printf("%-50s tags %d, manifests %d%n", r.name(), r.tagCount(), r.manifestCount());
            }
        });
    }

    @Command(name = "tags", description = "List the tags of a repository (name without the registry).")
    int tags(@Parameters(paramLabel = "REGISTRY") String registry, @Parameters(paramLabel = "REPO") String repo) {
        return run(s -> {
            for (TagSummary t : s.content().tags(registry, repo, 0, ALL).items()) {
                out().printf("%-30s %s %12d%n", t.tag(), t.manifestDigest(), t.compressedSizeBytes());
            }
        });
    }

    @Command(name = "manifests", description = "List the manifests of a repository, newest first.")
    int manifests(@Parameters(paramLabel = "REGISTRY") String registry, @Parameters(paramLabel = "REPO") String repo) {
        return run(s -> {
            for (ManifestSummary m : s.content().manifests(registry, repo, 0, ALL).items()) {
                out().printf("%s %12d %s%n", m.digest(), m.compressedSizeBytes(), String.join(",", m.tags()));
            }
        });
    }

    @Command(name = "delete", description = "Delete a repository, or one of its tags or manifests.")
    int delete(@Parameters(paramLabel = "REGISTRY") String registry, @Parameters(paramLabel = "REPO") String repo,
               @Option(names = "--tag", description = "Delete only this tag.") String tag,
               @Option(names = "--digest", description = "Delete only this manifest.") String digest) {
        return run(s -> {
            if (tag != null) {
                s.content().deleteTag(registry, repo, tag);
                out().println("deleted tag " + tag + " of " + registry + "/" + repo);
            } else if (digest != null) {
                s.content().deleteManifest(registry, repo, digest);
                out().println("deleted manifest " + digest + " of " + registry + "/" + repo);
            } else {
                s.content().deleteRepository(registry, repo);
                out().println("deleted repository " + registry + "/" + repo);
            }
        });
    }
}
