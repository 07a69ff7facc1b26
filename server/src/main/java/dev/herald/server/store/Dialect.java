package dev.herald.server.store;

import dev.herald.server.core.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The few places where SQLite and PostgreSQL SQL differ. */
public enum Dialect {
    SQLITE("sqlite", "", "instr"),
    POSTGRESQL("postgresql", " FOR UPDATE SKIP LOCKED", "strpos");

    private static final String UNIQUE_VIOLATION_STATE = "23505";

    private final String migrationFolder;
    private final String skipLocked;
    private final String positionFunction;

    Dialect(String migrationFolder, String skipLocked, String positionFunction) {
        this.migrationFolder = migrationFolder;
        this.skipLocked = skipLocked;
        this.positionFunction = positionFunction;
    }

    public String migrationFolder() {
        return migrationFolder;
    }

    /**
     * Suffix for a SELECT that picks rows to lease. SQLite has one writer, so a plain select inside the write
     * transaction already excludes other leasers; PostgreSQL skips rows other nodes are leasing right now.
     */
    public String skipLocked() {
        return skipLocked;
    }

    /**
     * Suffix for a SELECT that locks the rows it reads until the transaction ends. SQLite has one writer and needs
     * none; on PostgreSQL it fixes the order in which a transaction takes its locks.
     */
    public String forUpdate() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }

    /**
     * A condition that is true when {@code column} contains the text bound to its one parameter, compared
     * byte for byte. (SQLite's LIKE ignores ASCII case and PostgreSQL's does not, so neither store uses LIKE.)
     */
    public String contains(String column) {
        return positionFunction + "(" + column + ", ?) > 0";
    }

    /**
     * A condition that is true when {@code column} is one of the strings in its one parameter, which {@link
     * #anyOf} makes: one statement text, prepared once, for any number of values. On PostgreSQL the planner sees
     * it as a condition on the column's index (the pool's sessions plan each execution; a generic plan made on a
     * small table scanned the whole of it, whatever the form of the list).
     */
    public String isAnyOf(String column) {
        return this == POSTGRESQL ? column + " = ANY(?)" : column + " IN (SELECT value FROM json_each(?))";
    }

    /** The parameter of {@link #isAnyOf}: a text array on PostgreSQL, a JSON array on SQLite. */
    public Object anyOf(Connection c, Collection<String> values) throws SQLException {
        return this == POSTGRESQL ? c.createArrayOf("text", values.toArray()) : Json.writeString(values);
    }

    /** A condition that is true when the binary {@code column} contains the bytes bound to its one parameter. */
    public String containsBytes(String column) {
        return this == POSTGRESQL ? "position(? in " + column + ") > 0" : "instr(" + column + ", ?) > 0";
    }

    /**
     * True when the failure (or one it chains to, as a batch does) is a broken unique or primary key, and not
     * another constraint such as NOT NULL or a foreign key.
     */
    public boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SQLException s && isUniqueViolationItself(s)) {
                return true;
            }
        }
        return false;
    }

    private boolean isUniqueViolationItself(SQLException e) {
        return switch (this) {
            case SQLITE -> e instanceof SQLiteException s
                    ? s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                            || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    : String.valueOf(e.getMessage()).contains("UNIQUE constraint failed");
            case POSTGRESQL -> UNIQUE_VIOLATION_STATE.equals(e.getSQLState());
        };
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException s && s.getNextException() != null) {
            return s.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
