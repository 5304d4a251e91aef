package dev.wharf.auth.accounts;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.Action;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.Principal;
import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access decisions as a table: each role × action × public/private repository × token narrowing × expired and
 * revoked tokens, asking for pull, push and delete at once and comparing the exact answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessPolicyTableTest {
    private static final Actor OP = new Actor("root", null);
    private final MutableClock clock = new MutableClock();
    private final Map<String, Principal> who = new HashMap<>();
    private JdbcMetadataStore store;
    private AccessPolicy policy;
    private AccessPolicy strictHtpasswd;

    @BeforeAll
    void setUp() throws Exception {
        Path dir = Files.createTempDirectory("wharf-policy");
        store = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("wharf.db"), null, null);
        AccountServices s = AccountServices.create(store.sql(), clock, true);
        policy = s.policy();
        strictHtpasswd = AccountServices.create(store.sql(), clock, false).policy();

        s.accounts().addUser(OP, "root", "root password", true);
        for (String u : List.of("reader", "writer", "admin", "outsider")) {
            s.accounts().addUser(OP, u, "a password", false);
            who.put(u, new Principal(u, Principal.Kind.USER, null));
        }
        who.put("root", new Principal("root", Principal.Kind.USER, null));
        s.roleDirectory().grant(OP, "team", "reader", Role.READER);
        s.roleDirectory().grant(OP, "team", "writer", Role.WRITER);
        s.roleDirectory().grant(OP, "team", "admin", Role.ADMIN);
        s.roleDirectory().grant(OP, "other", "outsider", Role.ADMIN);
        s.accounts().createRobot(OP, "ci", null, Map.of("team", Role.READER));
        who.put("robot", new Principal("ci", Principal.Kind.ROBOT, null));
        s.roleDirectory().setPublic(OP, "pub");
        s.roleDirectory().setPublic(OP, "team/open");
        s.roleDirectory().grant(OP, "team", "reader", Role.READER);

        who.put("anonymous", Principal.ANONYMOUS);
        who.put("ghost", new Principal("ghost", Principal.Kind.USER, null));
        who.put("robot-as-user", new Principal("ci", Principal.Kind.USER, null));
        who.put("htpasswd", new Principal("hty", Principal.Kind.HTPASSWD, null));
        token(s, "admin-pat-all", "admin", "team/*:pull,push,delete", null);
        token(s, "admin-pat-app-pull", "admin", "team/app:pull", null);
        token(s, "admin-pat-registry-delete", "admin", "team:delete", null);
        token(s, "reader-pat-wide", "reader", "*:pull,push,delete", null);
        token(s, "root-pat-pull", "root", "*:pull", null);
        token(s, "admin-pat-expired", "admin", "team/*:pull,push,delete", Duration.ofMinutes(5));
        token(s, "admin-pat-revoked", "admin", "team/*:pull,push,delete", null);
        s.tokens().revoke(OP, who.get("admin-pat-revoked").tokenId());
        who.put("forged-token", new Principal("writer", Principal.Kind.TOKEN, who.get("admin-pat-all").tokenId()));
        who.put("unknown-token", new Principal("admin", Principal.Kind.TOKEN, "nosuchtokenid"));
        clock.advance(Duration.ofMinutes(5)); // admin-pat-expired is now expired
    }

    private void token(AccountServices s, String label, String owner, String scope, Duration expiry) {
        TokenService.Created t = s.tokens().createPat(OP, owner, label, List.of(TokenScope.parse(scope)),
                Set.of(ApiScope.READ), expiry);
        who.put(label, new Principal(owner, Principal.Kind.TOKEN, t.token().id()));
    }

    @AfterAll
    void tearDown() {
        store.close();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            anonymous                 | team/app   | -
            anonymous                 | team/open  | pull
            anonymous                 | pub/x      | pull
            anonymous                 | pub        | pull
            anonymous                 | publisher  | -
            reader                    | team/app   | pull
            reader                    | team/a/b/c | pull
            reader                    | other/app  | -
            reader                    | teamx/app  | -
            reader                    | pub/x      | pull
            writer                    | team/app   | pull push
            writer                    | other/app  | -
            admin                     | team/app   | pull push delete
            admin                     | team       | pull push delete
            admin                     | other/app  | -
            admin                     | pub/x      | pull
            outsider                  | team/app   | -
            outsider                  | team/open  | pull
            outsider                  | other/x    | pull push delete
            root                      | team/app   | pull push delete
            root                      | any/thing  | pull push delete
            robot                     | team/app   | pull
            robot                     | other/app  | -
            robot-as-user             | team/app   | -
            ghost                     | team/app   | -
            ghost                     | team/open  | pull
            htpasswd                  | team/app   | pull push delete
            admin-pat-all             | team/app   | pull push delete
            admin-pat-all             | other/app  | -
            admin-pat-app-pull        | team/app   | pull
            admin-pat-app-pull        | team/app2  | -
            admin-pat-app-pull        | team/open  | pull
            admin-pat-registry-delete | team/app   | delete
            reader-pat-wide           | team/app   | pull
            reader-pat-wide           | other/app  | -
            root-pat-pull             | any/thing  | pull
            admin-pat-expired         | team/app   | -
            admin-pat-revoked         | team/app   | -
            admin-pat-revoked         | team/open  | pull
            forged-token              | team/app   | -
            unknown-token             | team/app   | -
            """)
    void allowed(String principal, String repository, String expected) {
        Set<Action> got = policy.allowed(who.get(principal), repository, EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE));
        assertThat(words(got)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} asks {1} on {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            writer    | pull      | team/app | pull
            writer    | push      | team/app | push
            writer    | delete    | team/app | -
            reader    | push      | team/app | -
            anonymous | push      | pub/x    | -
            anonymous | delete    | pub/x    | -
            admin     | catalog   | team/app | -
            """)
    void allowed_neverMoreThanRequested(String principal, String action, String repository, String expected) {
        Action a = action.equals("catalog") ? Action.CATALOG : Action.fromWire(action);
        assertThat(words(policy.allowed(who.get(principal), repository, EnumSet.of(a)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} manages {1} with {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            admin              | team  | UPDATE | true
            admin              | team  | DELETE | true
            admin              | other | READ   | false
            writer             | team  | READ   | true
            writer             | team  | UPDATE | false
            reader             | team  | DELETE | false
            root               | other | DELETE | true
            root               | null  | CREATE | true
            writer             | null  | CREATE | true
            writer             | null  | DELETE | false
            robot              | null  | CREATE | false
            robot              | team  | READ   | true
            anonymous          | null  | READ   | false
            anonymous          | pub   | READ   | false
            ghost              | null  | READ   | false
            htpasswd           | team  | READ   | false
            admin-pat-all      | team  | READ   | true
            admin-pat-all      | team  | UPDATE | false
            admin-pat-app-pull | other | READ   | false
            root-pat-pull      | other | READ   | true
            root-pat-pull      | null  | CREATE | false
            admin-pat-revoked  | team  | READ   | false
            admin-pat-expired  | team  | READ   | false
            """)
    void mayManage(String principal, String registry, ApiScope scope, boolean expected) {
        assertThat(policy.mayManage(who.get(principal), registry, scope)).isEqualTo(expected);
    }

    @Test
    void catalog_forLiveAccountsAndTokens_anonymousOnlyWithPublicContent() {
        assertThat(policy.mayListCatalog(who.get("reader"))).isTrue();
        assertThat(policy.mayListCatalog(who.get("robot"))).isTrue();
        assertThat(policy.mayListCatalog(who.get("admin-pat-all"))).isTrue();
        assertThat(policy.mayListCatalog(who.get("anonymous"))).isTrue(); // pub is public
        assertThat(policy.mayListCatalog(who.get("ghost"))).isFalse();
        assertThat(policy.mayListCatalog(who.get("admin-pat-revoked"))).isFalse();
        assertThat(policy.mayListCatalog(who.get("admin-pat-expired"))).isFalse();
    }

    @Test
    void htpasswdUsers_withoutFullAccess_getOnlyGrantedRoles() {
        assertThat(strictHtpasswd.allowed(who.get("htpasswd"), "team/app", EnumSet.allOf(Action.class))).isEmpty();
        assertThat(strictHtpasswd.allowed(who.get("htpasswd"), "pub/x", EnumSet.allOf(Action.class)))
                .containsExactly(Action.PULL);
    }

    private static String words(Set<Action> actions) {
        if (actions.isEmpty()) {
            return "-";
        }
        TreeSet<Action> sorted = new TreeSet<>(actions);
        return String.join(" ", sorted.stream().map(Action::wireName).toList());
    }
}
