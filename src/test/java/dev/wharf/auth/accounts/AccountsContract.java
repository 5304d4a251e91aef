package dev.wharf.auth.accounts;

import dev.wharf.auth.Action;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.AuditLog;
import dev.wharf.auth.DockerCredentialIssuer;
import dev.wharf.auth.Principal;
import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts, roles, tokens, credentials and audit on one metadata database; subclasses pick the engine. */
abstract class AccountsContract {
    static final Actor OPERATOR = new Actor("root", "10.0.0.9");
    final MutableClock clock = new MutableClock();
    JdbcMetadataStore store;
    AccountServices services;

    protected abstract JdbcMetadataStore open() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = open();
        services = AccountServices.create(store.sql(), clock, true);
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    private static Principal user(String name) {
        return new Principal(name, Principal.Kind.USER, null);
    }

    // --- users ---------------------------------------------------------------------------------------------------

    @Test
    void user_addVerifyList() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", true);
        services.accounts().addUser(OPERATOR, "bob", "battery staple", false);

        assertThat(services.verifier().verify("alice", "correct horse")).contains(user("alice"));
        assertThat(services.verifier().verify("alice", "correct horse")).as("second check, remembered")
                .contains(user("alice"));
        assertThat(services.verifier().verify("alice", "wrong password")).isEmpty();
        assertThat(services.verifier().verify("carol", "correct horse")).isEmpty();
        assertThat(services.verifier().verify("ALICE", "correct horse")).isEmpty();
        assertThat(services.verifier().verify("alice", "")).isEmpty();
        assertThat(services.accounts().list(Account.Kind.USER)).extracting(Account::name, Account::instanceAdmin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", true),
                        org.assertj.core.groups.Tuple.tuple("bob", false));
        assertThat(services.verifier().stillValid(user("alice"))).isTrue();
        assertThat(services.verifier().stillValid(new Principal("alice", Principal.Kind.ROBOT, null))).isFalse();
    }

    @Test
    void user_passwordStoredAsBcryptOnly() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);
        String stored = store.sql().read(s -> s.one("SELECT secret_hash FROM accounts WHERE name = 'alice'",
                rs -> rs.getString(1))).orElseThrow();
        assertThat(stored).startsWith("$2y$10$").doesNotContain("correct horse");
    }

    @Test
    void user_badInputs_clearErrors_nothingStored() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);

        assertThatThrownBy(() -> services.accounts().addUser(OPERATOR, "alice", "another one", true))
                .isInstanceOf(AccountException.class).hasMessageContaining("already exists")
                .extracting(e -> ((AccountException) e).kind()).isEqualTo(AccountException.Kind.CONFLICT);
        assertThatThrownBy(() -> services.accounts().addUser(OPERATOR, "Bad Name", "correct horse", false))
                .hasMessageContaining("invalid account name");
        assertThatThrownBy(() -> services.accounts().addUser(OPERATOR, "carol", "short", false))
                .hasMessageContaining("at least 8");
        assertThatThrownBy(() -> services.accounts().setPassword(OPERATOR, "nobody", "correct horse"))
                .extracting(e -> ((AccountException) e).kind()).isEqualTo(AccountException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> services.accounts().remove(OPERATOR, Account.Kind.USER, "nobody"))
                .hasMessage("no user named \"nobody\"");

        assertThat(services.accounts().list(Account.Kind.USER)).extracting(Account::name).containsExactly("alice");
        assertThat(services.verifier().verify("alice", "correct horse")).isPresent();
        assertThat(services.accounts().find("alice").orElseThrow().instanceAdmin()).isFalse();
    }

    @Test
    void user_passwordChange_oldPasswordStopsAtOnce() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);
        assertThat(services.verifier().verify("alice", "correct horse")).isPresent(); // now remembered

        services.accounts().setPassword(OPERATOR, "alice", "new password!");

        assertThat(services.verifier().verify("alice", "correct horse")).isEmpty();
        assertThat(services.verifier().verify("alice", "new password!")).isPresent();
    }

    @Test
    void user_remove_dropsRolesAndTokens_sameNameLaterInheritsNothing() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);
        services.roleDirectory().grant(OPERATOR, "team", "alice", Role.ADMIN);
        String pat = services.tokens().createPat(OPERATOR, "alice", null, List.of(TokenScope.parse("team:pull")),
                Set.of(), null).text();

        services.accounts().remove(OPERATOR, Account.Kind.USER, "alice");
        services.accounts().addUser(OPERATOR, "alice", "other password", false);

        assertThat(services.verifier().verify("x", pat)).isEmpty();
        assertThat(services.roleDirectory().list(null, "alice")).isEmpty();
        assertThat(services.policy().allowed(user("alice"), "team/app", EnumSet.allOf(Action.class))).isEmpty();
    }

    @Test
    void user_concurrentAddsOfOneName_exactlyOneWins() throws Exception {
        int n = 4;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        java.util.concurrent.atomic.AtomicInteger won = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String password = "password " + i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    services.accounts().addUser(OPERATOR, "race", password, false);
                    won.incrementAndGet();
                } catch (AccountException e) {
                    if (e.kind() == AccountException.Kind.CONFLICT) {
                        conflicts.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertThat(won).hasValue(1);
        assertThat(conflicts).hasValue(n - 1);
        assertThat(services.accounts().list(Account.Kind.USER)).extracting(Account::name).containsExactly("race");
    }

    // --- robots --------------------------------------------------------------------------------------------------

    @Test
    void robot_createWithRoles_secretWorksOnce_storedHashed() {
        String secret = services.accounts().createRobot(OPERATOR, "ci", "build bot", Map.of("team", Role.WRITER));

        Principal robot = new Principal("ci", Principal.Kind.ROBOT, null);
        assertThat(secret).hasSize(40).doesNotContain(":");
        assertThat(services.verifier().verify("ci", secret)).contains(robot);
        assertThat(services.verifier().verify("ci", secret + "x")).isEmpty();
        assertThat(services.policy().allowed(robot, "team/app", EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE)))
                .containsExactlyInAnyOrder(Action.PULL, Action.PUSH);
        assertThat(services.accounts().list(Account.Kind.ROBOT)).extracting(Account::description)
                .containsExactly("build bot");
        assertThat(services.accounts().list(Account.Kind.USER)).isEmpty();
        String stored = store.sql().read(s -> s.one("SELECT secret_hash FROM accounts WHERE name = 'ci'",
                rs -> rs.getString(1))).orElseThrow();
        assertThat(stored).startsWith("sha256:").doesNotContain(secret);
        assertThatThrownBy(() -> services.accounts().setPassword(OPERATOR, "ci", "a password"))
                .hasMessageContaining("is a robot");
        assertThatThrownBy(() -> services.accounts().remove(OPERATOR, Account.Kind.USER, "ci"))
                .hasMessage("no user named \"ci\"");
        assertThatThrownBy(() -> services.accounts().createRobot(OPERATOR, "ci2", null, Map.of("Bad/x", Role.READER)))
                .hasMessageContaining("invalid registry name");
        assertThat(services.accounts().find("ci2")).isEmpty();
    }

    // --- tokens --------------------------------------------------------------------------------------------------

    @Test
    void pat_acceptedWithAnyUsername_secretNeverStored() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);
        TokenService.Created t = services.tokens().createPat(OPERATOR, "alice", "laptop",
                List.of(TokenScope.parse("team/*:pull,push")), Set.of(ApiScope.READ), Duration.ofDays(30));

        assertThat(t.text()).matches("wharf_pat_[a-z2-7]{12}_[A-Za-z0-9]{32}").doesNotContain(":");
        Principal p = new Principal("alice", Principal.Kind.TOKEN, t.token().id());
        assertThat(services.verifier().verify("anything", t.text())).contains(p);
        assertThat(services.verifier().verify("", t.text())).contains(p);
        assertThat(services.verifier().stillValid(p)).isTrue();
        String secret = t.text().substring(t.text().lastIndexOf('_') + 1);
        String row = store.sql().read(s -> s.one("SELECT id || ' ' || secret_hash || ' ' || scopes || ' ' || api_scopes"
                + " FROM access_tokens", rs -> rs.getString(1))).orElseThrow();
        assertThat(row).doesNotContain(secret).contains("team/*:pull,push", "registry:read");
        assertThat(services.tokens().list("alice")).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("laptop");
            assertThat(x.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
            assertThat(x.state(clock.instant())).isEqualTo("active");
        });
    }

    @Test
    void pat_tamperedRevokedExpired_refused() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);
        TokenService.Created t = services.tokens().createPat(OPERATOR, "alice", null,
                List.of(TokenScope.parse("team:pull")), Set.of(), Duration.ofHours(1));
        String text = t.text();
        char last = text.charAt(text.length() - 1);
        String tampered = text.substring(0, text.length() - 1) + (last == 'a' ? 'b' : 'a');
        Principal p = new Principal("alice", Principal.Kind.TOKEN, t.token().id());

        assertThat(services.verifier().verify("alice", tampered)).isEmpty();
        assertThat(services.verifier().verify("alice", text.replace("wharf_pat_", "wharf_dcr_"))).isEmpty();
        assertThat(services.verifier().verify("alice", "wharf_pat_aaaaaaaaaaaa_" + "A".repeat(32))).isEmpty();

        clock.advance(Duration.ofHours(1));
        assertThat(services.verifier().verify("alice", text)).as("expired").isEmpty();
        assertThat(services.verifier().stillValid(p)).isFalse();
        assertThat(services.policy().allowed(p, "team/app", Set.of(Action.PULL))).isEmpty();

        TokenService.Created u = services.tokens().createPat(OPERATOR, "alice", null,
                List.of(TokenScope.parse("team:pull")), Set.of(), null);
        Principal q = new Principal("alice", Principal.Kind.TOKEN, u.token().id());
        services.roleDirectory().grant(OPERATOR, "team", "alice", Role.READER);
        assertThat(services.policy().allowed(q, "team/app", Set.of(Action.PULL))).containsExactly(Action.PULL);
        services.tokens().revoke(OPERATOR, u.token().id());
        assertThat(services.verifier().verify("alice", u.text())).as("revoked").isEmpty();
        assertThat(services.verifier().stillValid(q)).isFalse();
        assertThat(services.policy().allowed(q, "team/app", Set.of(Action.PULL))).isEmpty();
        assertThatThrownBy(() -> services.tokens().revoke(OPERATOR, u.token().id()))
                .hasMessageContaining("already revoked");
        assertThatThrownBy(() -> services.tokens().revoke(OPERATOR, "nosuchtoken"))
                .hasMessage("no token with id \"nosuchtoken\"");
        // a principal claiming someone else's token gets nothing
        assertThat(services.verifier().stillValid(new Principal("bob", Principal.Kind.TOKEN, t.token().id())))
                .isFalse();
    }

    @Test
    void pat_badInputs_clearErrors() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);
        assertThatThrownBy(() -> services.tokens().createPat(OPERATOR, "nobody", null,
                List.of(TokenScope.parse("team:pull")), Set.of(), null))
                .hasMessage("no user or robot named \"nobody\"");
        assertThatThrownBy(() -> services.tokens().createPat(OPERATOR, "alice", null, List.of(), Set.of(), null))
                .hasMessageContaining("at least one --scope or --api-scope");
        assertThatThrownBy(() -> services.tokens().createPat(OPERATOR, "alice", null,
                List.of(TokenScope.parse("team:pull")), Set.of(), Duration.ofSeconds(-1)))
                .hasMessageContaining("negative");
        assertThat(services.tokens().list(null)).isEmpty();
    }

    // --- roles and public names ------------------------------------------------------------------------------------

    @Test
    void roles_grantReplaceRevokeList_badInputs() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);
        services.roleDirectory().grant(OPERATOR, "team", "alice", Role.READER);
        services.roleDirectory().grant(OPERATOR, "team", "alice", Role.WRITER);
        services.roles().grant("other", "alice", Role.ADMIN);

        assertThat(services.roleDirectory().list(null, "alice")).containsExactly(
                new RoleGrant("other", "alice", Role.ADMIN), new RoleGrant("team", "alice", Role.WRITER));
        assertThat(services.roleDirectory().list("team", null)).hasSize(1);

        assertThatThrownBy(() -> services.roleDirectory().grant(OPERATOR, "team", "nobody", Role.ADMIN))
                .hasMessage("no user or robot named \"nobody\"");
        assertThatThrownBy(() -> services.roleDirectory().grant(OPERATOR, "team/app", "alice", Role.ADMIN))
                .hasMessageContaining("invalid registry name");
        assertThatThrownBy(() -> services.roleDirectory().revoke(OPERATOR, "third", "alice"))
                .hasMessageContaining("has no role on registry \"third\"");

        services.roleDirectory().revoke(OPERATOR, "team", "alice");
        services.roles().revokeAll("other");
        assertThat(services.roleDirectory().list(null, null)).isEmpty();
    }

    @Test
    void publicNames_setUnsetList_registryDeleteForgetsThem() {
        services.roleDirectory().setPublic(OPERATOR, "library");
        services.roleDirectory().setPublic(OPERATOR, "team/app");
        services.roleDirectory().setPublic(OPERATOR, "teamx/app");
        assertThatThrownBy(() -> services.roleDirectory().setPublic(OPERATOR, "library"))
                .hasMessageContaining("already public");
        assertThatThrownBy(() -> services.roleDirectory().setPublic(OPERATOR, "Bad Name"))
                .hasMessageContaining("invalid registry or repository name");
        assertThatThrownBy(() -> services.roleDirectory().unsetPublic(OPERATOR, "nope"))
                .hasMessageContaining("is not public");
        assertThat(services.roleDirectory().listPublic()).containsExactly("library", "team/app", "teamx/app");

        services.roles().revokeAll("team");
        assertThat(services.roleDirectory().listPublic()).containsExactly("library", "teamx/app");
        services.roleDirectory().unsetPublic(OPERATOR, "library");
        assertThat(services.roleDirectory().listPublic()).containsExactly("teamx/app");
    }

    // --- docker credentials ----------------------------------------------------------------------------------------

    @Test
    void dockerCredentials_actForOwnerNeverBeyond() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);
        services.roleDirectory().grant(OPERATOR, "team", "alice", Role.WRITER);

        DockerCredentialIssuer.Issued ro = services.issuer().issue(user("alice"), false, Duration.ofSeconds(3600));
        DockerCredentialIssuer.Issued rw = services.issuer().issue(user("alice"), true, null);

        assertThat(ro.username()).isEqualTo("alice");
        assertThat(ro.password()).startsWith("wharf_dcr_").doesNotContain(":");
        assertThat(ro.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        assertThat(rw.expiresAt()).isNull();
        Principal roP = services.verifier().verify(ro.username(), ro.password()).orElseThrow();
        Principal rwP = services.verifier().verify(rw.username(), rw.password()).orElseThrow();
        Set<Action> all = EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE);
        assertThat(services.policy().allowed(roP, "team/app", all)).containsExactly(Action.PULL);
        assertThat(services.policy().allowed(rwP, "team/app", all)).containsExactlyInAnyOrder(Action.PULL, Action.PUSH);
        assertThat(services.policy().allowed(rwP, "other/app", all)).as("beyond the owner").isEmpty();

        clock.advance(Duration.ofSeconds(3600));
        assertThat(services.verifier().verify("alice", ro.password())).isEmpty();
        assertThat(services.verifier().verify("alice", rw.password())).isPresent();

        assertThatThrownBy(() -> services.issuer().issue(Principal.ANONYMOUS, false, null))
                .hasMessageContaining("anonymous");
        assertThatThrownBy(() -> services.issuer().issue(user("ghost"), false, null))
                .hasMessageContaining("no user or robot named \"ghost\"");
    }

    @Test
    void dockerCredentials_throughAToken_narrowedAndDieWithIt() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", false);
        services.roleDirectory().grant(OPERATOR, "team", "alice", Role.ADMIN);
        services.roleDirectory().grant(OPERATOR, "other", "alice", Role.ADMIN);
        TokenService.Created pat = services.tokens().createPat(OPERATOR, "alice", null,
                List.of(TokenScope.parse("team/app:pull,delete")), Set.of(ApiScope.READ), Duration.ofHours(2));
        Principal viaPat = services.verifier().verify("alice", pat.text()).orElseThrow();

        DockerCredentialIssuer.Issued rw = services.issuer().issue(viaPat, true, Duration.ofDays(1));

        assertThat(rw.expiresAt()).as("not beyond the parent's expiry").isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        Principal child = services.verifier().verify("alice", rw.password()).orElseThrow();
        Set<Action> all = EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE);
        assertThat(services.policy().allowed(child, "team/app", all)).containsExactly(Action.PULL);
        assertThat(services.policy().allowed(child, "other/app", all)).isEmpty();

        services.tokens().revoke(OPERATOR, pat.token().id());
        assertThat(services.verifier().verify("alice", rw.password())).isEmpty();
        assertThat(services.policy().allowed(child, "team/app", all)).isEmpty();
    }

    // --- audit ---------------------------------------------------------------------------------------------------

    @Test
    void audit_recordsAdministrativeChanges_newestFirst_byRegistry() {
        services.accounts().addUser(OPERATOR, "alice", "correct horse", true);
        clock.advance(Duration.ofSeconds(1));
        services.roleDirectory().grant(OPERATOR, "team", "alice", Role.WRITER);
        clock.advance(Duration.ofSeconds(1));
        TokenService.Created t = services.tokens().createPat(OPERATOR, "alice", null,
                List.of(TokenScope.parse("team:pull")), Set.of(), null);
        clock.advance(Duration.ofSeconds(1));
        services.tokens().revoke(OPERATOR, t.token().id());
        services.audit().record(new AuditLog.Event(clock.instant(), "alice", "push", "team/app:1.0", "10.1.1.1",
                "sha256:abc"));

        List<AuditLog.Event> all = services.audit().recent(null, 100);
        assertThat(all).extracting(AuditLog.Event::action)
                .containsExactly("push", "token_revoke", "token_create", "role_grant", "user_add");
        assertThat(all.get(3)).satisfies(e -> {
            assertThat(e.actor()).isEqualTo("root");
            assertThat(e.address()).isEqualTo("10.0.0.9");
            assertThat(e.target()).isEqualTo("team");
            assertThat(e.detail()).isEqualTo("alice=writer");
        });
        assertThat(all).noneMatch(e -> String.valueOf(e.detail()).contains(t.text()));
        assertThat(services.audit().recent("team", 100)).extracting(AuditLog.Event::action)
                .containsExactly("push", "role_grant");
        assertThat(services.audit().recent(null, 2)).hasSize(2);
        assertThatThrownBy(() -> services.audit().recent(null, 0)).hasMessageContaining("limit");
    }

    @Test
    void audit_bruteForce_cannotFloodTheTable() {
        for (int i = 0; i < 1000; i++) {
            services.audit().record(new AuditLog.Event(clock.instant(), "admin", "login_failed", null, "10.6.6.6",
                    null));
        }
        for (int i = 0; i < 50; i++) {
            services.audit().record(new AuditLog.Event(clock.instant(), "alice", "login", null, "10.0.0.1", null));
        }
        assertThat(count("login_failed")).isEqualTo(LoginEventLimiter.FAILURES_PER_ADDRESS);
        assertThat(count("login")).isEqualTo(1);

        clock.advance(LoginEventLimiter.WINDOW);
        services.audit().record(new AuditLog.Event(clock.instant(), "admin", "login_failed", null, "10.6.6.6", null));
        assertThat(services.audit().recent(null, 1).getFirst().detail())
                .isEqualTo((1000 - LoginEventLimiter.FAILURES_PER_ADDRESS)
                        + " earlier failed logins from this address were not recorded");
        for (int a = 0; a < 500; a++) { // many addresses: the global cap holds
            services.audit().record(new AuditLog.Event(clock.instant(), "x", "login_failed", null, "10.9.0." + a, null));
        }
        assertThat(count("login_failed")).isEqualTo(LoginEventLimiter.FAILURES_PER_ADDRESS
                + LoginEventLimiter.FAILURES_TOTAL);
    }

    private long count(String action) {
        return store.sql().read(s -> s.one("SELECT count(*) FROM audit_events WHERE action = ?",
                rs -> rs.getLong(1), action)).orElseThrow();
    }

    static Instant at(String s) {
        return Instant.parse(s);
    }
}
