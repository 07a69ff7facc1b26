package dev.herald.server.core;

/** A setting has a value Herald cannot use; the message names the setting and what it accepts. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
