package dev.wharf.cli;

import dev.wharf.app.Wharf;
import dev.wharf.meta.RegistryRecord;
import dev.wharf.meta.RegistryUsage;
import dev.wharf.tenancy.RegistryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;

/** {@code wharf registry create|get|list|delete|usage|options}: registries (tenants) and their usage. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Manage registries: the first path component of repositories, with a tier and quotas.")
final class RegistryCommand {
    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions options;

    RegistryCommand(Map<String, String> env) {
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

    @Command(name = "create", description = "Create a registry.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--tier", description = "Subscription tier slug (default basic).") String tier,
               @Option(names = "--region", description = "Region (default: the first configured).") String region,
               @Option(names = "--owner", defaultValue = "admin", description = "Owning account (default admin).")
               String owner,
               @Option(names = "--storage-quota", paramLabel = "BYTES",
                       description = "Storage cap on a tier that allows overage.") Long quota) {
        return run(s -> print(s.registries().create(owner,
                new RegistryService.NewRegistry(name, tier, region, quota, null))));
    }

    @Command(name = "get", description = "Show a registry.")
    int get(@Parameters(paramLabel = "NAME") String name) {
        return run(s -> print(s.registries().get(name)));
    }

    @Command(name = "list", description = "List registries.")
    int list(@Option(names = "--owner", description = "Only this account's registries.") String owner) {
        return run(s -> {
            out().printf("%-30s %-14s %-10s %-12s %15s%n", "NAME", "TIER", "REGION", "OWNER", "STORAGE BYTES");
            for (RegistryService.View v : s.registries().list(owner)) {
                RegistryRecord r = v.record();
                out().printf("%-30s %-14s %-10s %-12s %15d%n", r.name(), r.tier(), r.region(), r.owner(),
                        r.storageUsageBytes());
            }
        });
    }

    @Command(name = "delete", description = "Delete a registry and its repositories' metadata (blob bytes are left"
            + " to garbage collection).")
    int delete(@Parameters(paramLabel = "NAME") String name) {
        return run(s -> {
            s.registries().delete(name);
            out().println("deleted registry " + name);
        });
    }

    @Command(name = "usage", description = "Show storage usage per repository and this month's egress.")
    int usage(@Parameters(paramLabel = "NAME") String name,
              @Option(names = "--recompute", description = "Rebuild the counters from scratch first and report"
                      + " whether they had drifted.") boolean recompute) {
        return run(s -> {
            RegistryUsage.UsageReport before = s.registries().usage(name);
            RegistryUsage.UsageReport report = recompute ? s.registries().recomputeUsage(name) : before;
            if (recompute) {
                out().println(before.equals(report) ? "recomputed: the live figures were exact"
                        : "recomputed: the live figures had drifted (were " + before.total() + " bytes)");
            }
            RegistryService.View v = s.registries().get(name);
            out().println("registry " + name + ": " + report.total() + " bytes stored (tier " + v.tier().slug()
                    + ", includes " + v.tier().includedStorageBytes() + ")");
            long overage = report.total() - v.tier().includedStorageBytes();
            if (overage > 0) {
                out().println("overage: " + overage + " bytes");
            }
            out().println("egress this month: " + s.registries().egressThisMonth(name) + " bytes (includes "
                    + v.tier().includedBandwidthBytes() + ")");
            report.repositories().forEach((repo, bytes) -> out().printf("  %-50s %15d%n", repo, bytes));
        });
    }

    @Command(name = "options", description = "List regions and subscription tiers.")
    int options(@Option(names = "--owner", description = "Show eligibility for this account.") String owner) {
        return run(s -> {
            out().println("regions: " + String.join(", ", s.registries().config().regions()));
            for (RegistryService.TierOption t : s.registries().options(owner)) {
                var tier = t.tier();
                out().printf("%-14s repositories %s, storage %d bytes%s, bandwidth %d bytes%s%n", tier.slug(),
                        tier.includedRepositories() == 0 ? "unlimited" : String.valueOf(tier.includedRepositories()),
                        tier.includedStorageBytes(), tier.allowStorageOverage() ? " (+overage)" : "",
                        tier.includedBandwidthBytes(),
                        t.eligible() ? "" : ", not eligible: " + t.eligibilityReasons());
            }
        });
    }

    private void print(RegistryService.View v) {
        RegistryRecord r = v.record();
        out().println("name:    " + r.name());
        out().println("tier:    " + r.tier());
        out().println("region:  " + r.region());
        out().println("owner:   " + r.owner());
        out().println("created: " + r.createdAt());
        out().println("storage: " + r.storageUsageBytes() + " bytes (updated " + r.storageUsageBytesUpdatedAt() + ")");
        if (r.storageQuotaBytes() != null) {
            out().println("quota:   " + r.storageQuotaBytes() + " bytes");
        }
    }
}
