package dev.herald.server.store;

/**
 * The relational store behind every storage interface. {@link #write} runs the work in one transaction and returns
 * only after it committed; the embedded store groups concurrent writes into one commit (one fsync), PostgreSQL runs
 * them on pooled connections.
 */
public interface Database extends AutoCloseable {

    <T> T read(SqlWork<T> work);

    <T> T write(SqlWork<T> work);

    /**
     * As {@link #write}, for work that makes a single JDBC execution (whose text may hold several statements): on
     * PostgreSQL that execution is the whole transaction, sent and committed in one round trip (the statements of
     * one execution share the implicit transaction that ends at the protocol's sync), where {@link #write} needs
     * one more for its {@code COMMIT}.
     */
    default <T> T writeInOneRoundTrip(SqlWork<T> work) {
        return write(work);
    }

    Dialect dialect();

    /** True while the store answers a trivial query (for the health check). */
    boolean isHealthy();

    @Override
    void close();
}
