package dev.wharf.config;

/**
 * A setting that Wharf cannot start with. The message always begins with the setting's name as the user wrote it
 * ({@code http.adr}, {@code REGISTRY_STORAGE_DELETE_ENABLED}, {@code --addr}) so the fix is obvious without a stack
 * trace; the CLI prints only the message.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public ConfigException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    private ConfigException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /** The name of the offending setting, as it appears in the file, the environment or on the command line. */
    public String setting() {
        return setting;
    }

    /** The same problem, with where it was found (a file name) appended. */
    ConfigException in(String source) {
        return new ConfigException(setting, getMessage() + " (in " + source + ")", this);
    }
}
