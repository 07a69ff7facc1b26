package dev.herald.server.message;

import dev.herald.server.app.Application;
import dev.herald.server.endpoint.Endpoint;
import dev.herald.server.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints each application routes messages to, kept in memory between messages. Reading them all inside
 * every accepting transaction was a fifth of the embedded writer's work; now that transaction reads one number,
 * the application's row in {@code routing_version}, which database triggers change whenever an endpoint is added,
 * removed, or changes its app, filters, channels or disabled flag (schema V5), and re-reads the endpoints only
 * when it moved. The check happens inside the accepting transaction, so it is as exact as the full read was, on
 * every node. The endpoints held here are only good for routing (their ids and routing fields).
 */
final class RoutingTable {
    /** Applications held at most; past that the table starts over rather than grow without bound. */
    private static final int MAX_APPS = 10_000;

    private record Routes(long version, List<Endpoint> endpoints) {
    }

    /** The application as the accepting transaction sees it: its routing version and uid. */
    private record AppRow(long version, String uid) {
    }

    private final Messages.EndpointsOfApp source;
    private final Map<String, Routes> byApp = new ConcurrentHashMap<>();

    RoutingTable(Messages.EndpointsOfApp source) {
        this.source = source;
    }

    /**
     * The endpoints of {@code app} as of this transaction; throws {@link StaleApplication} when the application is
     * gone or its uid changed since the caller looked it up (the caller may have used a remembered lookup).
     */
    List<Endpoint> endpointsOf(Connection c, Application app) throws SQLException {
        AppRow row = Sql.one(c, "SELECT r.version, a.uid FROM application a "
                        + "LEFT JOIN routing_version r ON r.app_id = a.id WHERE a.id = ?",
                rs -> new AppRow(rs.getLong(1), rs.getString(2)), app.id()).orElseThrow(StaleApplication::new);
        if (!Objects.equals(row.uid(), app.uid())) {
            throw new StaleApplication();
        }
        return endpoints(c, app.id(), row.version());
    }

    private List<Endpoint> endpoints(Connection c, String appId, long version) throws SQLException {
        Routes known = byApp.get(appId);
        if (known != null && known.version() == version) {
            return known.endpoints();
        }
        // read after the version: at worst newer than it, which the next change of version replaces anyway
        List<Endpoint> endpoints = source.list(c, appId);
        if (byApp.size() >= MAX_APPS) {
            byApp.clear();
        }
        byApp.put(appId, new Routes(version, endpoints));
        return endpoints;
    }
}
