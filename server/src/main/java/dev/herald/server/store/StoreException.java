package dev.herald.server.store;

import java.sql.SQLException;

/** The store failed in a way the caller cannot fix (I/O, a broken connection): the API answers 5xx. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public static StoreException wrap(SQLException e) {
        return new StoreException("store error: " + e.getMessage(), e);
    }
}
