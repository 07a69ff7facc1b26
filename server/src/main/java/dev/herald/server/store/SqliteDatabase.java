package dev.herald.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode. Writes go through a single {@link GroupCommitWriter}, which
 * acknowledges a write only once the log that holds it is flushed to disk, so it survives a crash; reads use a small pool of their own
 * connections, which WAL lets run beside the writer, and a {@link Checkpointer} folds the log back into the file.
 * Every connection keeps its prepared statements ({@link StatementCache}).
 */
final class SqliteDatabase implements Database {
    /** Distinct SQL texts each connection keeps prepared (a few dozen are in regular use). */
    private static final String LOCK_FILE = "herald.lock";
    private static final int WRITE_STATEMENTS = 256;
    private static final int READ_STATEMENTS = 128;
    /** The background checkpointer's pace, and the log size (pages) at which the writer checkpoints by itself. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);
    private static final int WRITER_CHECKPOINT_PAGES = 20_000;

    private final Connection writeConnection;
    private final GroupCommitWriter writer;
    private final HikariDataSource readers;
    private final FileChannel lockFile;
    private final Checkpointer checkpointer;
    private final FileChannel writeAheadLog;

    SqliteDatabase(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        DataDirectory.secure(dir, file.toAbsolutePath(), dir.resolve(LOCK_FILE));
        lockFile = lock(dir.resolve(LOCK_FILE));
        SQLiteDataSource source = new SQLiteDataSource(config());
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            writeConnection = source.getConnection();
            Migrations.apply(writeConnection, Dialect.SQLITE);
            try (Statement s = writeConnection.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint = " + WRITER_CHECKPOINT_PAGES);
                // commits do not wait for the disk here: the writer flushes the log itself before it acknowledges
                s.execute("PRAGMA synchronous = NORMAL");
            }
            checkpointer = new Checkpointer(source.getConnection(), CHECKPOINT_INTERVAL);
            // SQLite creates the log when a connection first reads a WAL database, as the migrations just did
            writeAheadLog = FileChannel.open(Path.of(file.toAbsolutePath() + "-wal"), StandardOpenOption.READ);
            writer = new GroupCommitWriter(StatementCache.wrap(writeConnection, WRITE_STATEMENTS), Dialect.SQLITE,
                    () -> writeAheadLog.force(false));
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig readOnly = config();
        readOnly.setReadOnly(true);
        SQLiteDataSource readSource = new SQLiteDataSource(readOnly) {
            @Override
            public Connection getConnection() throws SQLException {
                return StatementCache.wrap(super.getConnection(), READ_STATEMENTS);
            }
        };
        readSource.setUrl(source.getUrl());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(readSource);
        pool.setPoolName("herald-sqlite-read");
        pool.setReadOnly(true);
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        readers = new HikariDataSource(pool);
    }

    /**
     * One process per embedded store: a second Herald on the same data directory would break the single-writer
     * design (and void the first one's leases at its start), so it is refused. The OS drops the lock if the process
     * dies, even on SIGKILL.
     */
    private static FileChannel lock(Path lockPath) {
        try {
            FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new StoreException("data directory " + lockPath.getParent()
                        + " is in use by another Herald process; stop it or use another --data-dir", null);
            }
            return channel;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new StoreException("data directory " + lockPath.getParent() + " is already open in this process", e);
        } catch (IOException e) {
            throw new StoreException("cannot lock " + lockPath + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setGetGeneratedKeys(false); // Herald makes its own ids; skip the extra query after every insert
        // The writer wraps each request's work in a savepoint; keep their undo journals off the disk.
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return config;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        try (Connection c = readers.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw StoreException.wrap(e);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        return writer.submit(work);
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
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
        writer.close();
        checkpointer.close();
        try {
            writeAheadLog.close();
        } catch (IOException ignored) {
            // only used to flush the log; the writer is closed
        }
        readers.close();
        try {
            writeConnection.close();
        } catch (SQLException ignored) {
            // closing at shutdown; nothing left to protect
        }
        try {
            lockFile.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
