package dev.wharf.discovery;

/** A warning or failure of a run, located by provider and, when it concerns one, repository and tag. */
public record Problem(String provider, String repository, String tag, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(provider);
        if (repository != null) {
            sb.append(' ').append(repository);
            if (tag != null) {
                sb.append(':').append(tag);
            }
        }
        return sb.append(": ").append(message).toString();
    }
}
