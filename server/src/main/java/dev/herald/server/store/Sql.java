package dev.herald.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGStatement;

/** Small JDBC helpers: bind arguments (Instant as epoch millis), map rows, no ORM. */
public final class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
        List<T> rows = list(c, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /**
     * Inserts many rows with one statement as a JDBC batch: PostgreSQL's driver sends it as multi-row
     * {@code INSERT}s in one round trip, and the server keeps each of them parsed and planned for the session. Other
     * statements are planned for each execution (the pool's sessions never keep a plan made on a small table), but a
     * plain insert has no plan to choose, and parsing and planning a hundred rows of values cost more than inserting
     * them.
     */
    public static void insertAll(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (ps.isWrapperFor(PGStatement.class)) {
                ps.unwrap(PGStatement.class).setPrepareThreshold(1);
            }
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static long count(Connection c, String sql, Object... args) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            switch (arg) {
                case null -> ps.setNull(index, Types.NULL);
                case Instant instant -> ps.setLong(index, instant.toEpochMilli());
                case Boolean b -> ps.setBoolean(index, b);
                case Integer n -> ps.setInt(index, n);
                case Long n -> ps.setLong(index, n);
                case byte[] bytes -> ps.setBytes(index, bytes);
                case java.sql.Array array -> ps.setArray(index, array);
                case Enum<?> e -> ps.setString(index, e.name());
                default -> ps.setString(index, arg.toString());
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Placeholders for an IN list: {@code ?,?,?}. */
    public static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }
}
