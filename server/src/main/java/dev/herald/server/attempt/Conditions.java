package dev.herald.server.attempt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A SELECT whose WHERE clause grows by optional filters, keeping the bound arguments in step with the SQL. */
final class Conditions {
    final StringBuilder sql;
    final List<Object> args;

    /** {@code select} ends in a WHERE clause (e.g. {@code ... WHERE a.app_id = ?}) that takes {@code args}. */
    Conditions(String select, Object... args) {
        this.sql = new StringBuilder(select);
        this.args = new ArrayList<>(Arrays.asList(args));
    }

    Conditions and(String condition, Object... conditionArgs) {
        sql.append(" AND ").append(condition);
        args.addAll(Arrays.asList(conditionArgs));
        return this;
    }

    /** Adds {@code condition}, which binds the value, when there is a value. */
    Conditions andIf(Optional<?> value, String condition) {
        value.ifPresent(v -> and(condition, v));
        return this;
    }

    String text() {
        return sql.toString();
    }

    Object[] values() {
        return args.toArray();
    }
}
