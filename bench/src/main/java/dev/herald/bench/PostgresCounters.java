package dev.herald.bench;

import dev.herald.server.store.PostgresUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL did for a phase of the benchmark, read before and after it: transactions
 * ({@code pg_stat_database}), statements ({@code pg_stat_statements}, when the server preloads it), the CPU time of
 * the server's processes (from {@code /proc}: this database's sessions and the server's own background
 * processes, such as the WAL writer and autovacuum, so the server must run on this machine) and round trips,
 * counted as the data segments this machine's clients sent to PostgreSQL's port (from {@code ss -ti}: each
 * round trip of the wire protocol is one write of the client, and on loopback one write is one segment). The round
 * trips include every client of the server on this machine, so run nothing else against it meanwhile.
 */
final class PostgresCounters {
    private static final Pattern SEGMENTS = Pattern.compile("data_segs_out:(\\d+)");

    /**
     * Counts at one moment. {@code statements} is -1 when pg_stat_statements is not available; {@code cpuTicks}
     * holds each server process's CPU time so far, in clock ticks.
     */
    record Snapshot(long transactions, long statements, long roundTrips, Map<Integer, Long> cpuTicks) {
        String perEach(Snapshot before, int count) {
            String statementsEach = statements < 0 ? "n/a (preload pg_stat_statements)"
                    : String.format("%.2f", (statements - before.statements) / (double) count);
            return String.format("PostgreSQL per message: %.2f transactions, %s statements, %.2f round trips, "
                    + "server CPU %.0f us", (transactions - before.transactions) / (double) count, statementsEach,
                    (roundTrips - before.roundTrips) / (double) count, cpuMicros(before) / count);
        }

        /** CPU used since {@code before}; a process that started meanwhile counts whole, one that ended not at all. */
        private double cpuMicros(Snapshot before) {
            long ticks = cpuTicks.entrySet().stream()
                    .mapToLong(e -> e.getValue() - before.cpuTicks.getOrDefault(e.getKey(), 0L)).sum();
            return ticks * 1_000_000.0 / TICKS_PER_SECOND;
        }
    }

    /** The kernel's USER_HZ, in which /proc reports CPU time: 100 on every Linux this runs on. */
    private static final int TICKS_PER_SECOND = 100;

    private final String jdbcUrl;
    private final Properties credentials = new Properties();
    private final int port;

    PostgresCounters(String databaseUrl) {
        PostgresUrl url = PostgresUrl.parse(databaseUrl);
        this.jdbcUrl = url.jdbcUrl();
        url.user().ifPresent(u -> credentials.setProperty("user", u));
        url.password().ifPresent(p -> credentials.setProperty("password", p));
        Matcher port = Pattern.compile(":(\\d+)/").matcher(url.jdbcUrl());
        this.port = port.find() ? Integer.parseInt(port.group(1)) : 5432;
    }

    Snapshot read() throws SQLException, IOException, InterruptedException {
        long segments = clientSegments(); // before this connection's own traffic
        try (Connection c = DriverManager.getConnection(jdbcUrl, credentials); Statement s = c.createStatement()) {
            long transactions;
            try (ResultSet rs = s.executeQuery("SELECT pg_stat_get_db_xact_commit(oid) "
                    + "+ pg_stat_get_db_xact_rollback(oid) FROM pg_database WHERE datname = current_database()")) {
                rs.next();
                transactions = rs.getLong(1);
            }
            return new Snapshot(transactions, statements(c), segments, serverCpuTicks(c));
        }
    }

    private static long statements(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements "
                    + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException notPreloaded) {
            return -1;
        }
    }

    private static Map<Integer, Long> serverCpuTicks(Connection c) throws SQLException, IOException {
        Map<Integer, Long> ticks = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity "
                + "WHERE (datname = current_database() OR datname IS NULL) AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                String stat;
                try {
                    stat = Files.readString(Path.of("/proc", Integer.toString(rs.getInt(1)), "stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                // utime and stime are the 14th and 15th fields; the 2nd, the command, is in parentheses
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(rs.getInt(1), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            }
        }
        return ticks;
    }

    private long clientSegments() throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-tinH", "state", "established", "( dport = :" + port + " )")
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        long total = 0;
        Matcher m = SEGMENTS.matcher(out);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
