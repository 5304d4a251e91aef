package dev.wharf.discovery.config;

/** A discovery config that cannot be used; the message starts with the offending field's path. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** Where the problem is, e.g. {@code providers[0].config.selectors[1].max_tags}. */
    public String field() {
        return field;
    }
}
