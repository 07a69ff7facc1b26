package dev.herald.server.endpoint;

import dev.herald.server.core.Config;
import dev.herald.server.core.ConfigException;
import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import dev.herald.server.store.StoredSettings;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Moves every value the {@link SecretCipher} sealed to a new key, for {@code herald rotate-secret-key}, with the
 * servers stopped. Each value is tried with the new key first and only re-sealed when the old one opens it, so a run
 * that was interrupted is finished by running it again; while one is unfinished ({@link #IN_PROGRESS}), servers
 * refuse to start rather than meet values under two keys. The new key goes where the old one was kept (the key file,
 * or the database), unless the operator supplies it from now on as HERALD_SECRET_KEY.
 */
public final class SecretKeyRotation {
    /** A setting present only while a rotation is under way. */
    static final String IN_PROGRESS = "secret_key_rotation";
    private static final int BATCH = 500;

    /** One column of sealed values: its table, and what each value is bound to, from its row's id. */
    private record SealedColumn(String table, String column, UnaryOperator<String> boundTo) {
    }

    /** Every sealed column; what each is bound to must match the store that writes it. */
    private static final List<SealedColumn> SEALED = List.of(
            new SealedColumn("endpoint_secret", "secret", id -> id),
            new SealedColumn("endpoint", "headers", id -> id + JdbcEndpointStore.HEADERS),
            new SealedColumn("ingest_source", "config", id -> id + "/config"),
            new SealedColumn("ingest_source", "token", id -> id + "/token"));

    /** What a rotation did: how many values it re-sealed, and whether it stored the new key (file or database). */
    public record Result(long resealed, boolean keyStored) {
    }

    private final Config config;
    private final Database db;
    private final StoredSettings settings;

    public SecretKeyRotation(Config config, Database db) {
        this.config = config;
        this.db = db;
        this.settings = new StoredSettings(db);
    }

    /**
     * Re-seals everything under {@code newKey}. {@code external}: the operator will give the new key as
     * HERALD_SECRET_KEY, so it is not stored, and a key kept in the database or key file is deleted.
     * {@code progress} hears each column's count.
     */
    public Result rotate(String newKey, boolean external, BiConsumer<String, Long> progress) {
        if (newKey.isBlank()) {
            throw new ConfigException("the new key is empty");
        }
        SecretKeySource.Stored current = SecretKeySource.stored(config, settings);
        // after an interrupted run that already stored the new key, it is the only key left: everything opens with it
        SecretCipher old = new SecretCipher(current.key().orElse(newKey));
        SecretCipher next = new SecretCipher(newKey);
        requireKeyOpensStore(old, next);
        settings.put(IN_PROGRESS, "started");
        long total = 0;
        for (SealedColumn sealed : SEALED) {
            long count = reseal(sealed, old, next);
            progress.accept(sealed.table() + "." + sealed.column(), count);
            total += count;
        }
        settings.put(SecretCipher.CHECK_SETTING, next.encrypt(SecretCipher.CHECK_TEXT, SecretCipher.CHECK_SETTING));
        if (external) {
            SecretKeySource.forget(config, settings);
        } else {
            SecretKeySource.replace(config, settings, current.place(), newKey);
        }
        settings.remove(IN_PROGRESS);
        return new Result(total, !external && current.place() != SecretKeySource.Stored.Place.SETTING_OR_FLAG);
    }

    private void requireKeyOpensStore(SecretCipher old, SecretCipher next) {
        Optional<String> check = settings.get(SecretCipher.CHECK_SETTING);
        if (check.isPresent() && old.open(check.get(), SecretCipher.CHECK_SETTING).isEmpty()
                && next.open(check.get(), SecretCipher.CHECK_SETTING).isEmpty()) {
            throw new ConfigException("the current secret key (secret-key / HERALD_SECRET_KEY, else the stored one) "
                    + "does not open this store's secrets; give the key the servers run with");
        }
    }

    /** Re-seals one column in batches of rows, each batch one transaction; returns how many values changed. */
    private long reseal(SealedColumn sealed, SecretCipher old, SecretCipher next) {
        long changed = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String[]> rows = db.read(c -> Sql.list(c, "SELECT id, " + sealed.column() + " FROM "
                    + sealed.table() + " WHERE id > ? ORDER BY id LIMIT " + BATCH,
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, from));
            changed += db.write(c -> {
                int updated = 0;
                for (String[] row : rows) {
                    Optional<String> resealed = resealed(sealed, row[0], row[1], old, next);
                    if (resealed.isPresent()) {
                        updated += Sql.update(c, "UPDATE " + sealed.table() + " SET " + sealed.column()
                                + " = ? WHERE id = ?", resealed.get(), row[0]);
                    }
                }
                return updated;
            });
            if (rows.size() < BATCH) {
                return changed;
            }
            after = rows.getLast()[0];
        }
    }

    /** The value sealed with the new key, or empty when it already is. */
    private static Optional<String> resealed(SealedColumn sealed, String id, String stored, SecretCipher old,
                                             SecretCipher next) {
        String boundTo = sealed.boundTo().apply(id);
        if (!SecretCipher.isSealed(stored)) {
            return Optional.of(next.encrypt(stored, boundTo)); // headers an older version kept in plain text
        }
        if (next.open(stored, boundTo).isPresent()) {
            return Optional.empty();
        }
        String plaintext = old.open(stored, boundTo).orElseThrow(() -> new ConfigException(sealed.table() + "."
                + sealed.column() + " of " + id + " opens with neither the current key nor the new one (if "
                + "HERALD_SECRET_KEY already holds the new key, give the previous one as --secret-key)"));
        return Optional.of(next.encrypt(plaintext, boundTo));
    }
}
