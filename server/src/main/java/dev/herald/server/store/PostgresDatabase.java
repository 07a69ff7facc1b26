package dev.herald.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** PostgreSQL through a HikariCP pool; each write is one transaction on its own pooled connection. */
final class PostgresDatabase implements Database {
    private final HikariDataSource pool;

    PostgresDatabase(PostgresUrl url, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setPoolName("herald-postgresql");
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(10_000);
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection()) {
            Migrations.apply(c, Dialect.POSTGRESQL);
        } catch (SQLException e) {
            pool.close();
            throw new StoreException("cannot migrate PostgreSQL at " + url.redacted() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw StoreException.wrap(e);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException s && Dialect.POSTGRESQL.isUniqueViolation(s)) {
                    throw new UniqueViolation(s.getMessage(), s);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreException.wrap(e);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public boolean isHealthy() {
        try {
            return read(c -> Sql.count(c, "SELECT 1")) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
