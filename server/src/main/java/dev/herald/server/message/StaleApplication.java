package dev.herald.server.message;

/**
 * The application a message was accepted for is no longer what the caller looked up: it was deleted, or its uid
 * now names another application. Raised inside the accepting transaction, which it rolls back.
 */
final class StaleApplication extends RuntimeException {
    StaleApplication() {
        super("the application changed since it was looked up", null, false, false);
    }
}
