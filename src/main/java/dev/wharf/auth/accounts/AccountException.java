package dev.wharf.auth.accounts;

/**
 * A refused account operation, with a message fit to show the user as is (never a secret). {@link Kind} lets an API
 * map it to a status: invalid input 400, unknown name 404, duplicate name 409.
 */
public final class AccountException extends RuntimeException {

    public enum Kind {
        INVALID, NOT_FOUND, CONFLICT
    }

    private final Kind kind;

    private AccountException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static AccountException invalid(String message) {
        return new AccountException(Kind.INVALID, message);
    }

    static AccountException notFound(String message) {
        return new AccountException(Kind.NOT_FOUND, message);
    }

    static AccountException conflict(String message) {
        return new AccountException(Kind.CONFLICT, message);
    }
}
