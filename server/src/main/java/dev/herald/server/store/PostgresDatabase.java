package dev.herald.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL through a HikariCP pool of {@code poolSize} connections (HERALD_DB_POOL_SIZE); each write is one
 * transaction on its own pooled connection, each read runs in auto-commit. A request that waits longer than the
 * connection timeout for a free connection fails with the pool's state (active, idle, waiting) in its message.
 * Writes commit without waiting for the disk and are made durable together by {@link PostgresGroupFlush}, on one
 * more connection of its own, before {@link #write} returns.
 */
final class PostgresDatabase implements Database {
    private final HikariDataSource pool;
    private final HikariDataSource flushConnection;
    private final PostgresGroupFlush flush;

    PostgresDatabase(PostgresUrl url, int poolSize) {
        HikariConfig config = config(url, "herald-postgresql", poolSize);
        // Durable through the group flush instead. Herald's queries are planned for each execution (the driver never
        // prepares them on the server): a plan the server kept, made while a table was small (a new install, a test),
        // kept scanning the whole task table once it had grown. Not through plan_cache_mode = force_custom_plan, which
        // also made the server plan again every foreign-key check it runs on each inserted row (a quarter of its CPU
        // per message); Sql.insertAll opts its inserts back in, having no plan to choose.
        config.setConnectionInitSql("SET synchronous_commit = off");
        config.addDataSourceProperty("prepareThreshold", "0");
        config.addDataSourceProperty("reWriteBatchedInserts", "true"); // one INSERT of many rows per batch
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection()) {
            Migrations.apply(c, Dialect.POSTGRESQL);
        } catch (SQLException e) {
            pool.close();
            throw new StoreException("cannot migrate PostgreSQL at " + url.redacted() + ": " + e.getMessage(), e);
        }
        try {
            flushConnection = new HikariDataSource(config(url, "herald-postgresql-flush", 1));
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot connect to PostgreSQL at " + url.redacted() + ": " + e.getMessage(), e);
        }
        flush = PostgresGroupFlush.onSlotOf(flushConnection);
    }

    private static HikariConfig config(PostgresUrl url, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", "herald");
        return config;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw StoreException.wrap(e);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        T result = commit(work); // the connection goes back to the pool before the wait for the disk
        flush.awaitDurable();
        return result;
    }

    @Override
    public <T> T writeNotAwaitingDisk(SqlWork<T> work) {
        return commit(work);
    }

    private <T> T commit(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // the pool restores auto-commit when the connection goes back
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                if (e instanceof SQLException s && Dialect.POSTGRESQL.isUniqueViolation(s)) {
                    throw new UniqueViolation(s.getMessage(), s);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw StoreException.wrap(e);
        }
    }

    /** Rolls back after a failure; a rollback that fails too (a broken connection) must not hide the first one. */
    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public boolean isHealthy() {
        try {
            return read(c -> Sql.count(c, "SELECT 1")) == 1 && flush.lastFlushSucceeded();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        flush.close();
        flushConnection.close();
        pool.close();
    }
}
