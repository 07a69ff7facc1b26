package dev.herald.server.store;

/** A write broke a unique constraint; storage implementations turn it into a domain conflict. */
public final class UniqueViolation extends RuntimeException {
    public UniqueViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
