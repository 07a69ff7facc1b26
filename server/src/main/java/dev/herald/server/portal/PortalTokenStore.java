package dev.herald.server.portal;

import dev.herald.server.auth.PortalCapability;
import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code portal_token} table: access-link tokens by their hash. Ending a token moves its expiry to now. */
final class PortalTokenStore {
    private final Database db;

    PortalTokenStore(Database db) {
        this.db = db;
    }

    /** One stored token (without the token itself, which is never kept). */
    record Row(String tokenHash, String orgId, String appId, Set<PortalCapability> capabilities,
               Set<String> featureFlags, Optional<String> sessionId, Instant expiresAt) {
    }

    void insert(Row row, Instant createdAt) {
        db.write(c -> Sql.update(c, "INSERT INTO portal_token (token_hash, org_id, app_id, capabilities, "
                        + "feature_flags, session_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row.tokenHash(), row.orgId(), row.appId(),
                row.capabilities().stream().map(PortalCapability::wireName).collect(Collectors.joining(",")),
                String.join(",", row.featureFlags()), row.sessionId().orElse(null), createdAt, row.expiresAt()));
    }

    /** The token with this hash that is still valid at {@code now}. */
    Optional<Row> findValid(String tokenHash, Instant now) {
        return db.read(c -> Sql.one(c, "SELECT token_hash, org_id, app_id, capabilities, feature_flags, session_id, "
                + "expires_at FROM portal_token WHERE token_hash = ? AND expires_at > ?", PortalTokenStore::map,
                tokenHash, now));
    }

    void expire(String tokenHash, Instant at) {
        db.write(c -> Sql.update(c, "UPDATE portal_token SET expires_at = ? WHERE token_hash = ? AND expires_at > ?",
                at, tokenHash, at));
    }

    /** Moves the expiry of the application's valid tokens (of these sessions, when any are named) to {@code at}. */
    int expireAll(String appId, List<String> sessionIds, Instant at) {
        List<Object> args = new ArrayList<>(List.of(at, appId, at));
        String sessions = "";
        if (!sessionIds.isEmpty()) {
            sessions = " AND session_id IN (" + Sql.placeholders(sessionIds.size()) + ")";
            args.addAll(sessionIds);
        }
        String sql = "UPDATE portal_token SET expires_at = ? WHERE app_id = ? AND expires_at > ?" + sessions;
        return db.write(c -> Sql.update(c, sql, args.toArray()));
    }

    private static Row map(ResultSet rs) throws SQLException {
        Set<PortalCapability> capabilities = EnumSet.noneOf(PortalCapability.class);
        for (String name : rs.getString("capabilities").split(",")) {
            PortalCapability.fromWire(name).ifPresent(capabilities::add);
        }
        String flags = rs.getString("feature_flags");
        return new Row(rs.getString("token_hash"), rs.getString("org_id"), rs.getString("app_id"), capabilities,
                flags.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(flags.split(","))),
                Optional.ofNullable(rs.getString("session_id")), Sql.instant(rs, "expires_at"));
    }
}
