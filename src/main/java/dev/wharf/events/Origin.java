package dev.wharf.events;

/**
 * Who caused an event and from where: {@code actor} is an account or robot name ({@code anonymous} for an
 * unauthenticated caller, {@code system} for Wharf itself), {@code address} the client's address (null when unknown)
 * and {@code tokenId} the personal access token used, if any. Never holds a secret.
 */
public record Origin(String actor, String address, String tokenId) {
    /** Wharf itself (schedules, start-up repairs, tests). */
    public static final Origin SYSTEM = new Origin("system", null, null);

    public Origin {
        actor = actor == null || actor.isEmpty() ? "anonymous" : actor;
    }

    /** The operator at this machine's command line. */
    public static Origin commandLine() {
        return new Origin("cli:" + System.getProperty("user.name", "unknown"), "local");
    }

    public Origin(String actor, String address) {
        this(actor, address, null);
    }
}
