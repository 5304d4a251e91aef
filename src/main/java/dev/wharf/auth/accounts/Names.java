package dev.wharf.auth.accounts;

import dev.wharf.oci.RepositoryName;

import java.util.regex.Pattern;

/** Validation of the names accounts work with: account names, registries and public repository names. */
final class Names {
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Names() {
    }

    /** A user or robot name: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit. */
    static String account(String name) {
        if (name == null || !ACCOUNT.matcher(name).matches()) {
            throw AccountException.invalid("invalid account name \"" + shown(name) + "\": use lowercase letters,"
                    + " digits, '.', '_' or '-' (at most 64, starting with a letter or digit)");
        }
        return name;
    }

    static boolean isAccount(String name) {
        return name != null && ACCOUNT.matcher(name).matches();
    }

    /** A registry: one repository path component, such as {@code team}. */
    static String registry(String name) {
        if (name == null || name.indexOf('/') >= 0 || !RepositoryName.isValid(name)) {
            throw AccountException.invalid("invalid registry name \"" + shown(name)
                    + "\": one path component of lowercase letters, digits and separators, such as team");
        }
        return name;
    }

    /** A registry or a full repository name, for public access. */
    static String registryOrRepository(String name) {
        if (!RepositoryName.isValid(name)) {
            throw AccountException.invalid("invalid registry or repository name \"" + shown(name) + "\"");
        }
        return name;
    }

    /** The registry a repository belongs to: its first path component. */
    static String registryOf(String repository) {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(0, slash);
    }

    private static String shown(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
