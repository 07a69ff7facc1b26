package dev.herald.server.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps an embedded-store connection from compiling the same SQL over and over: SQLite's JDBC driver prepares a
 * statement from scratch on every {@code prepareStatement}, which cost the writer thread about a fifth of its
 * time. The wrapped connection hands out each distinct SQL text's statement again once its previous user closed
 * it; closing only clears it. A connection is used by one thread at a time (the writer's, or whichever thread
 * borrowed it from the read pool), so this is not synchronised.
 */
final class StatementCache {
    private final Connection connection;
    private final Map<String, Cached> statements;

    private StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.statements = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                boolean evict = size() > capacity;
                if (evict && !eldest.getValue().inUse) {
                    closeQuietly(eldest.getValue().statement);
                }
                return evict && !eldest.getValue().inUse;
            }
        };
    }

    /** The connection, with {@code prepareStatement(String)} served from a cache of at most {@code capacity}. */
    static Connection wrap(Connection connection, int capacity) {
        StatementCache cache = new StatementCache(connection, capacity);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                        return cache.prepare((String) args[0]);
                    }
                    if (method.getName().equals("close")) {
                        cache.closeAll();
                    }
                    return invoke(connection, method, args);
                });
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Cached cached = statements.get(sql);
        if (cached == null) {
            cached = new Cached(connection.prepareStatement(sql));
            statements.put(sql, cached);
        } else if (cached.inUse) {
            return connection.prepareStatement(sql); // the same SQL nested inside its own use: a one-off
        }
        cached.inUse = true;
        return cached.handle;
    }

    private void closeAll() {
        statements.values().forEach(c -> closeQuietly(c.statement));
        statements.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // the statement is dropped either way
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One prepared statement and the handle its users see, whose {@code close} returns it to the cache. */
    private static final class Cached implements InvocationHandler {
        final PreparedStatement statement;
        final PreparedStatement handle;
        boolean inUse;

        Cached(PreparedStatement statement) {
            this.statement = statement;
            this.handle = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (inUse) {
                        inUse = false;
                        statement.clearBatch();
                        statement.clearParameters();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return !inUse || statement.isClosed();
                }
                default -> {
                    return StatementCache.invoke(statement, method, args);
                }
            }
        }
    }
}
