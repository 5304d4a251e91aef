package dev.wharf.http.ui;

import dev.wharf.oci.Reference;
import dev.wharf.oci.RepositoryName;

/**
 * A repository path under a prefix: {@code <name>} or {@code <name>/-/<what>[/<reference>]}. A repository name
 * component cannot be {@code -}, so the separator is unambiguous even for names with many slashes.
 */
record RepoPath(RepositoryName repository, String what, Reference reference) {

    /** Parses the part of the path after the prefix; NAME_INVALID or MANIFEST_INVALID on a bad name or reference. */
    static RepoPath parse(String rest) {
        int sep = rest.indexOf("/-/");
        if (sep < 0) {
            return new RepoPath(RepositoryName.parse(stripSlash(rest)), null, null);
        }
        RepositoryName name = RepositoryName.parse(rest.substring(0, sep));
        String tail = rest.substring(sep + 3);
        int slash = tail.indexOf('/');
        if (slash < 0) {
            return new RepoPath(name, tail, null);
        }
        return new RepoPath(name, tail.substring(0, slash), Reference.parse(tail.substring(slash + 1)));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
