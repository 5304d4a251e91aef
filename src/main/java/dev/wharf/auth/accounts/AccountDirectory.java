package dev.wharf.auth.accounts;

import dev.wharf.auth.AuditLog;
import dev.wharf.auth.AuditLog.Event;
import dev.wharf.auth.Principal;
import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.meta.SqlAccess;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Users and robot accounts: adding, changing a password, removing (which also revokes the account's tokens and
 * drops its roles, so a later account of the same name inherits nothing), listing. Every change is audited.
 */
public final class AccountDirectory {
    /** Shortest password accepted for a user. */
    public static final int MIN_PASSWORD = 8;
    static final int ROBOT_SECRET_LENGTH = 40;

    private final SqlAccess sql;
    private final AuditLog audit;
    private final Clock clock;

    AccountDirectory(SqlAccess sql, AuditLog audit, Clock clock) {
        this.sql = sql;
        this.audit = audit;
        this.clock = clock;
    }

    public Account addUser(Actor actor, String name, String password, boolean instanceAdmin) {
        Names.account(name);
        checkPassword(password);
        Account a = new Account(name, Account.Kind.USER, instanceAdmin, true, null, clock.instant());
        String hash = Secrets.bcrypt(password);
        insert(a, hash, Map.of());
        record(actor, "user_add", "user:" + name, instanceAdmin ? "instance admin" : null);
        return a;
    }

    /** A robot with the given roles; returns its secret, which is shown once and stored only hashed. */
    public String createRobot(Actor actor, String name, String description, Map<String, Role> roles) {
        Names.account(name);
        roles.keySet().forEach(Names::registry);
        String secret = Secrets.alphanumeric(ROBOT_SECRET_LENGTH);
        Account a = new Account(name, Account.Kind.ROBOT, false, true, description, clock.instant());
        insert(a, Secrets.sha256(secret), roles);
        record(actor, "robot_create", "robot:" + name, roles.isEmpty() ? null : "roles " + describe(roles));
        return secret;
    }

    public void setPassword(Actor actor, String name, String password) {
        checkPassword(password);
        String hash = Secrets.bcrypt(password);
        Instant now = clock.instant();
        sql.write(s -> {
            AccountTable.Stored a = AccountTable.find(s, name)
                    .orElseThrow(() -> AccountException.notFound("no user named \"" + name + "\""));
            if (a.account().kind() != Account.Kind.USER) {
                throw AccountException.invalid("\"" + name + "\" is a robot: robots have generated secrets");
            }
            return AccountTable.setSecret(s, name, hash, now);
        });
        record(actor, "user_passwd", "user:" + name, null);
    }

    /** Removes a user or robot (of the expected kind), its roles and its tokens. */
    public void remove(Actor actor, Account.Kind kind, String name) {
        Instant now = clock.instant();
        sql.write(s -> {
            AccountTable.Stored a = AccountTable.find(s, name).filter(x -> x.account().kind() == kind)
                    .orElseThrow(() -> AccountException.notFound("no " + word(kind) + " named \"" + name + "\""));
            RoleTable.deleteAccount(s, name);
            TokenTable.revokeOwner(s, name, now);
            return AccountTable.delete(s, a.account().name());
        });
        record(actor, kind == Account.Kind.USER ? "user_remove" : "robot_remove", word(kind) + ":" + name, null);
    }

    public List<Account> list(Account.Kind kind) {
        return sql.read(s -> AccountTable.list(s, kind));
    }

    public java.util.Optional<Account> find(String name) {
        if (!Names.isAccount(name)) {
            return java.util.Optional.empty();
        }
        return sql.read(s -> AccountTable.find(s, name)).map(AccountTable.Stored::account);
    }

    /** The principal an account acts as, to issue credentials on its behalf. */
    public Principal principal(String name) {
        Account a = find(name).orElseThrow(() -> AccountException.notFound("no user or robot named \"" + name + "\""));
        return new Principal(a.name(), a.kind() == Account.Kind.USER ? Principal.Kind.USER : Principal.Kind.ROBOT,
                null);
    }

    private void insert(Account a, String hash, Map<String, Role> roles) {
        sql.write(s -> {
            if (!AccountTable.insert(s, a, hash)) {
                throw AccountException.conflict("an account named \"" + a.name() + "\" already exists");
            }
            for (Map.Entry<String, Role> r : roles.entrySet()) {
                RoleTable.upsert(s, r.getKey(), a.name(), r.getValue(), a.createdAt());
            }
            return null;
        });
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw AccountException.invalid("the password must have at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw AccountException.invalid("the password must have at most 72 bytes (bcrypt's limit)");
        }
    }

    private void record(Actor actor, String action, String target, String detail) {
        audit.record(new Event(clock.instant(), actor.name(), action, target, actor.address(), detail));
    }

    static String describe(Map<String, Role> roles) {
        return roles.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + RoleTable.column(e.getValue())).reduce((x, y) -> x + "," + y).orElse("");
    }

    private static String word(Account.Kind kind) {
        return kind == Account.Kind.USER ? "user" : "robot";
    }
}
