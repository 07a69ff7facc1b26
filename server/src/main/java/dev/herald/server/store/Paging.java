package dev.herald.server.store;

import dev.herald.server.core.ListQuery;
import dev.herald.server.core.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Keyset pagination over one sortable key column, shared by every list endpoint. */
public final class Paging {
    private Paging() {
    }

    /**
     * Runs {@code select} (which ends in a WHERE clause, e.g. {@code ... WHERE app_id = ?}) with the iterator
     * condition, order and limit added.
     */
    public static <T> Page<T> page(Connection c, String select, String keyColumn, ListQuery query,
                                   Sql.RowMapper<T> mapper, Function<T, String> keyOf, Object... args)
            throws SQLException {
        boolean forward = query.ascending() != query.backwards();
        StringBuilder sql = new StringBuilder(select);
        List<Object> params = new ArrayList<>(Arrays.asList(args));
        query.cursor().ifPresent(cursor -> {
            sql.append(" AND ").append(keyColumn).append(forward ? " > ?" : " < ?");
            params.add(cursor);
        });
        sql.append(" ORDER BY ").append(keyColumn).append(forward ? " ASC" : " DESC");
        sql.append(" LIMIT ").append(query.limit() + 1);
        return Page.of(Sql.list(c, sql.toString(), mapper, params.toArray()), query, keyOf);
    }
}
