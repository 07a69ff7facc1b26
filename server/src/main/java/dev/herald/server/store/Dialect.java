package dev.herald.server.store;

import java.sql.SQLException;

/** The few places where SQLite and PostgreSQL SQL differ. */
public enum Dialect {
    SQLITE("sqlite", ""),
    POSTGRESQL("postgresql", " FOR UPDATE SKIP LOCKED");

    private final String migrationFolder;
    private final String skipLocked;

    Dialect(String migrationFolder, String skipLocked) {
        this.migrationFolder = migrationFolder;
        this.skipLocked = skipLocked;
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

    public boolean isUniqueViolation(SQLException e) {
        return switch (this) {
            case SQLITE -> e.getErrorCode() == 19 || String.valueOf(e.getMessage()).contains("UNIQUE constraint");
            case POSTGRESQL -> "23505".equals(e.getSQLState());
        };
    }
}
