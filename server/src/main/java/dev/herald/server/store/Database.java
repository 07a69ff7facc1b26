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
     * As {@link #write}, but on PostgreSQL returns once the transaction committed, without waiting for a flush.
     * For writes that a crash of the database server may undo without breaking a promise, because what they record
     * happens again: a success undone is delivered again, a lease undone lapses. Anything acknowledged to a caller
     * goes through {@link #write}; the log is made durable in order, so a later durable write makes this one durable
     * too. The embedded store's writer answers after its flush all the same: answering such writes at their commit
     * measured no faster there (docs/benchmarks.md).
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
