package dev.herald.server.endpoint;

import dev.herald.server.core.Config;
import dev.herald.server.core.ConfigException;
import dev.herald.server.store.StoredSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the key that encrypts endpoint secrets comes from: HERALD_SECRET_KEY when set; else, for PostgreSQL, a
 * key generated once and stored in the database so that every node shares it; else, for the embedded store, a key
 * generated once into {@code <dataDir>/secret.key}, readable by its owner only.
 */
final class SecretKeySource {
    static final String FILE_NAME = "secret.key";
    private static final String SETTING = "secret_key";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(SecretKeySource.class);

    private SecretKeySource() {
    }

    static String material(Config config, StoredSettings settings) {
        if (config.secretKey().isPresent()) {
            return config.secretKey().get();
        }
        if (config.databaseUrl().isPresent()) {
            log.warn("HERALD_SECRET_KEY is not set: the key that encrypts endpoint secrets and headers is kept in the "
                    + "PostgreSQL database, beside what it encrypts, so any copy of the database (a dump, a backup, "
                    + "a replica) can be decrypted. Set HERALD_SECRET_KEY to the same value on every node "
                    + "(./herald rotate-secret-key moves the secrets to a new key)");
            return settings.putIfAbsent(SETTING, generate());
        }
        return fromFile(config.dataDir().resolve(FILE_NAME));
    }

    /** The key an embedded store ran with: HERALD_SECRET_KEY, else its key file; never a new one. */
    static String embeddedKey(Config config) {
        if (config.secretKey().isPresent()) {
            return config.secretKey().get();
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        if (!Files.exists(file)) {
            throw new ConfigException("no secret key: " + file + " does not exist and secret-key (HERALD_SECRET_KEY) "
                    + "is not set; set it to the key the embedded store ran with");
        }
        return fromFile(file);
    }

    /** Stores a key where PostgreSQL nodes look for it when HERALD_SECRET_KEY is not set. */
    static void storeForPostgres(StoredSettings settings, String key) {
        settings.put(SETTING, key);
    }

    /**
     * Where the key of this installation is kept and what it is, without generating one: HERALD_SECRET_KEY, the
     * database (PostgreSQL) or the key file (embedded store); the key is empty when none was made yet.
     */
    record Stored(Place place, Optional<String> key) {
        enum Place { SETTING_OR_FLAG, DATABASE, FILE }
    }

    static Stored stored(Config config, StoredSettings settings) {
        if (config.secretKey().isPresent()) {
            return new Stored(Stored.Place.SETTING_OR_FLAG, config.secretKey());
        }
        if (config.databaseUrl().isPresent()) {
            return new Stored(Stored.Place.DATABASE, settings.get(SETTING));
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        return new Stored(Stored.Place.FILE, Files.exists(file) ? Optional.of(fromFile(file)) : Optional.empty());
    }

    /** Replaces the key where {@link #stored} found it (nothing to do for HERALD_SECRET_KEY: the operator sets it). */
    static void replace(Config config, StoredSettings settings, Stored.Place place, String key) {
        switch (place) {
            case SETTING_OR_FLAG -> { }
            case DATABASE -> settings.put(SETTING, key);
            case FILE -> writeFile(config.dataDir().resolve(FILE_NAME), key);
        }
    }

    /** Deletes a key kept in the database or the key file, for an operator who supplies it from now on. */
    static void forget(Config config, StoredSettings settings) {
        settings.remove(SETTING);
        try {
            Files.deleteIfExists(config.dataDir().resolve(FILE_NAME));
        } catch (IOException e) {
            throw new ConfigException("cannot delete the old key file: " + e.getMessage());
        }
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file).strip();
                if (stored.isEmpty()) {
                    throw new ConfigException(file + " is empty; restore the key file or set secret-key");
                }
                return stored;
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read the secret key file " + file + ": " + e.getMessage());
        }
        String generated = generate();
        writeFile(file, generated);
        return generated;
    }

    /** Writes the key file owner-only, atomically: a reader sees the old key or the new one, never a part. */
    private static void writeFile(Path file, String key) {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, key);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigException("cannot write the secret key file " + file + ": " + e.getMessage());
        }
    }

    private static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
