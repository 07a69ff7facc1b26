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
     * As {@link #write}, but returns once the transaction committed, without waiting for the commit to reach the
     * disk. For writes that a crash of the database server (or of the machine, for the embedded store; not of
     * Herald) may undo without breaking a promise, because what they record happens again: a success undone is
     * delivered again, a lease undone lapses. Anything acknowledged to a caller goes through {@link #write}; the
     * logs are made durable in order, so a later durable write makes this one durable too.
     */
    default <T> T writeNotAwaitingDisk(SqlWork<T> work) {
        return write(work);
    }

    Dialect dialect();

    /** True while the store answers a trivial query (for the health check). */
    boolean isHealthy();

    @Override
    void close();
}
