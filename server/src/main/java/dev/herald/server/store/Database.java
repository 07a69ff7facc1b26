package dev.herald.server.store;

/**
 * The relational store behind every storage interface. {@link #write} runs the work in one transaction and returns
 * only after it committed; the embedded store groups concurrent writes into one commit (one fsync), PostgreSQL runs
 * them on pooled connections.
 */
public interface Database extends AutoCloseable {

    <T> T read(SqlWork<T> work);

    <T> T write(SqlWork<T> work);

    Dialect dialect();

    /** True while the store answers a trivial query (for the health check). */
    boolean isHealthy();

    @Override
    void close();
}
