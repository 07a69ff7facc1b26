package dev.herald.server.store;

import java.util.Optional;

/** Small named values Herald keeps in its own store (the admin token's hash, generated keys). */
public final class StoredSettings {
    private final Database db;

    public StoredSettings(Database db) {
        this.db = db;
    }

    public Optional<String> get(String name) {
        return db.read(c -> Sql.one(c, "SELECT value FROM setting WHERE name = ?", rs -> rs.getString(1), name));
    }

    /** Stores the value unless one exists already, and returns the value that is stored (first writer wins). */
    public String putIfAbsent(String name, String value) {
        return db.write(c -> {
            Sql.update(c, "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, value);
            return Sql.one(c, "SELECT value FROM setting WHERE name = ?", rs -> rs.getString(1), name).orElseThrow();
        });
    }

    public void put(String name, String value) {
        db.write(c -> Sql.update(c, "INSERT INTO setting (name, value) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET value = excluded.value", name, value));
    }

    public void remove(String name) {
        db.write(c -> Sql.update(c, "DELETE FROM setting WHERE name = ?", name));
    }
}
