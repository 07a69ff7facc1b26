package dev.herald.server.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Copies every table of one Herald store into another at the same schema version (the embedded store into a
 * freshly migrated PostgreSQL, for {@code herald migrate-store}). The source is read in one transaction, so the
 * copy is one consistent snapshot; the target is written parents before children in batches, each batch one
 * transaction. Leases are cleared on the way, so every copied task is free for any node.
 */
public final class StoreCopy {
    /**
     * Tables that are not copied: the schema's own bookkeeping, state that is only meaningful while running, and
     * routing versions, which the target's triggers write as the endpoints arrive.
     */
    private static final Set<String> NOT_COPIED =
            Set.of("schema_version", "endpoint_throttle", "application_throttle", "routing_version",
                    "wal_flush");
    /** Columns whose values do not survive the move, set to NULL instead. */
    private static final Map<String, Set<String>> CLEARED =
            Map.of("delivery_task", Set.of("lease_owner", "lease_until"));
    private static final int BATCH_ROWS = 1_000;
    private static final long BATCH_BYTES = 16L << 20;

    private final Database source;
    private final Database target;

    public StoreCopy(Database source, Database target) {
        this.source = source;
        this.target = target;
    }

    /** A target column: its name and JDBC type. */
    private record Column(String name, int type) {
    }

    /**
     * The tables the copy would write to that already hold rows, with their counts (empty when the target is
     * fresh). Also refuses stores at different schema versions.
     */
    public Map<String, Long> occupiedTables() {
        requireSameSchema();
        Map<String, Long> occupied = new LinkedHashMap<>();
        target.read(c -> {
            for (String table : tablesInOrder(c)) {
                long rows = Sql.count(c, "SELECT COUNT(*) FROM " + table);
                if (rows > 0) {
                    occupied.put(table, rows);
                }
            }
            return null;
        });
        return occupied;
    }

    /** Empties the target's tables (for a copy that replaces what a previous, perhaps interrupted, one left). */
    public void emptyTarget() {
        target.write(c -> {
            List<String> tables = new ArrayList<>(tablesInOrder(c));
            tables.addAll(NOT_COPIED.stream().filter(t -> !t.equals("schema_version")).toList());
            Collections.reverse(tables);
            for (String table : tables) {
                Sql.update(c, "DELETE FROM " + table);
            }
            return null;
        });
    }

    /** Copies every table and returns the rows copied per table, in copy order; {@code progress} hears each. */
    public Map<String, Long> copyAll(BiConsumer<String, Long> progress) {
        requireSameSchema();
        List<String> tables = target.read(StoreCopy::tablesInOrder);
        Map<String, Long> copied = new LinkedHashMap<>();
        source.read(c -> {
            c.setAutoCommit(false); // one read transaction: every table from the same snapshot
            for (String table : tables) {
                long rows = copyTable(c, table);
                copied.put(table, rows);
                progress.accept(table, rows);
            }
            c.rollback();
            return null;
        });
        for (Map.Entry<String, Long> entry : copied.entrySet()) {
            long inTarget = target.read(c -> Sql.count(c, "SELECT COUNT(*) FROM " + entry.getKey()));
            if (inTarget != entry.getValue()) {
                throw new StoreException("copy of " + entry.getKey() + " is incomplete: " + entry.getValue()
                        + " rows read, " + inTarget + " in the target", null);
            }
        }
        return copied;
    }

    private long copyTable(Connection from, String table) throws SQLException {
        List<Column> columns = target.read(c -> columns(c, table));
        requireSameColumns(from, table, columns);
        Set<String> cleared = CLEARED.getOrDefault(table, Set.of());
        String names = String.join(", ", columns.stream().map(Column::name).toList());
        String insert = "INSERT INTO " + table + " (" + names + ") VALUES ("
                + Sql.placeholders(columns.size()) + ")";
        long count = 0;
        List<Object[]> batch = new ArrayList<>();
        long batchBytes = 0;
        try (PreparedStatement select = from.prepareStatement("SELECT " + names + " FROM " + table);
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = cleared.contains(columns.get(i).name()) ? null : read(rs, i + 1, columns.get(i).type());
                    batchBytes += row[i] instanceof byte[] b ? b.length : row[i] instanceof String s ? s.length() : 8;
                }
                batch.add(row);
                count++;
                if (batch.size() >= BATCH_ROWS || batchBytes >= BATCH_BYTES) {
                    insertBatch(insert, columns, batch);
                    batch.clear();
                    batchBytes = 0;
                }
            }
        }
        insertBatch(insert, columns, batch);
        return count;
    }

    private void insertBatch(String insert, List<Column> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        target.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        bind(ps, i + 1, columns.get(i).type(), row[i]);
                    }
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    private static Object read(ResultSet rs, int index, int type) throws SQLException {
        Object value = switch (type) {
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(index);
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> rs.getLong(index);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(index);
            default -> rs.getString(index);
        };
        return rs.wasNull() ? null : value;
    }

    private static void bind(PreparedStatement ps, int index, int type, Object value) throws SQLException {
        switch (value) {
            case null -> ps.setNull(index, type);
            case Boolean b -> ps.setBoolean(index, b);
            case Long n when type == Types.BIGINT -> ps.setLong(index, n);
            case Long n -> ps.setInt(index, Math.toIntExact(n));
            case byte[] bytes -> ps.setBytes(index, bytes);
            default -> ps.setString(index, value.toString());
        }
    }

    /** The Herald tables of a store, every table after the tables its foreign keys point to. */
    private static List<String> tablesInOrder(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Set<String>> parents = new TreeMap<>();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!table.startsWith("sqlite_") && !NOT_COPIED.contains(table)) {
                    parents.put(table, new LinkedHashSet<>());
                }
            }
        }
        for (Map.Entry<String, Set<String>> entry : parents.entrySet()) {
            try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), entry.getKey())) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(entry.getKey())) {
                        entry.getValue().add(parent);
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < parents.size()) {
            int before = ordered.size();
            parents.forEach((table, needs) -> {
                if (!ordered.contains(table) && ordered.containsAll(needs)) {
                    ordered.add(table);
                }
            });
            if (ordered.size() == before) {
                throw new StoreException("foreign keys form a cycle among " + parents.keySet(), null);
            }
        }
        return ordered;
    }

    private static List<Column> columns(Connection c, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), table, "%")) {
            while (rs.next()) {
                columns.add(new Column(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        rs.getInt("DATA_TYPE")));
            }
        }
        return columns;
    }

    private static void requireSameColumns(Connection from, String table, List<Column> targetColumns)
            throws SQLException {
        Set<String> sourceNames = new TreeSet<>(columns(from, table).stream().map(Column::name).toList());
        Set<String> targetNames = new TreeSet<>(targetColumns.stream().map(Column::name).toList());
        if (!sourceNames.equals(targetNames)) {
            throw new StoreException("table " + table + " differs: source columns " + sourceNames
                    + ", target columns " + targetNames, null);
        }
    }

    private void requireSameSchema() {
        SqlWork<List<Integer>> versions = c -> Sql.list(c, "SELECT version FROM schema_version ORDER BY version",
                rs -> rs.getInt(1));
        List<Integer> from = source.read(versions);
        List<Integer> to = target.read(versions);
        if (!from.equals(to)) {
            throw new StoreException("the stores are at different schema versions (source " + from + ", target "
                    + to + "); run the same Herald version on both", null);
        }
    }
}
