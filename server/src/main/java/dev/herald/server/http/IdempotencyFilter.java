package dev.herald.server.http;

import dev.herald.server.auth.Principal;
import dev.herald.server.auth.TokenHash;
import dev.herald.server.store.Database;
import dev.herald.server.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Svix's idempotency: a POST carrying an {@code idempotency-key} runs once per caller, key and URI; a retry within
 * 12 hours gets the first 2xx reply again, and a concurrent duplicate waits for the first to finish. The claim
 * is a database row, so the guarantee holds across nodes sharing one database. The row names the application the
 * request's path named, so that expunging an application's contents can drop replies that echo its payloads.
 *
 * <p>A kept reply is stored sealed ({@link KeptReplies}); one that no longer opens (the secret key was rotated) is
 * forgotten, and the request runs again.
 */
public final class IdempotencyFilter {
    private static final Duration KEEP = Duration.ofHours(12);
    private static final Duration STALE_CLAIM = Duration.ofSeconds(60);
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

    private final Database db;
    private final Clock clock;
    private final KeptReplies replies;

    public IdempotencyFilter(Database db, Clock clock, KeptReplies replies) {
        this.db = db;
        this.clock = clock;
        this.replies = replies;
    }

    private sealed interface Claim {
        record Claimed() implements Claim {
        }

        record Done(Reply reply) implements Claim {
        }

        record Busy(Instant since) implements Claim {
        }

        /** A kept reply that no longer opens. */
        record Unreadable() implements Claim {
        }
    }

    Reply apply(Call call, Supplier<Reply> handler) {
        Optional<String> idempotencyKey = call.header("idempotency-key").filter(k -> !k.isBlank());
        if (!call.method().equals("POST") || idempotencyKey.isEmpty()) {
            return handler.get();
        }
        String key = TokenHash.of(who(call.principal()) + "\n" + idempotencyKey.get() + "\n" + call.rawPathAndQuery());
        Instant deadline = clock.instant().plus(WAIT_LIMIT);
        while (true) {
            switch (claim(key, call.pathParams().get("app_id"))) {
                case Claim.Done done -> {
                    return done.reply();
                }
                case Claim.Claimed claimed -> {
                    return runClaimed(key, handler);
                }
                case Claim.Unreadable unreadable -> forget(key);
                case Claim.Busy busy -> {
                    if (clock.instant().isAfter(busy.since().plus(STALE_CLAIM))) {
                        release(key);
                    } else if (clock.instant().isAfter(deadline)) {
                        throw new dev.herald.server.core.ApiException(409, "conflict",
                                "a request with this idempotency-key is still in progress");
                    } else {
                        sleep();
                    }
                }
            }
        }
    }

    private Reply runClaimed(String key, Supplier<Reply> handler) {
        Reply reply;
        try {
            reply = handler.get();
        } catch (RuntimeException e) {
            release(key);
            throw e;
        }
        if (reply.status() >= 200 && reply.status() < 300) {
            byte[] sealed = replies.seal(reply.body(), key);
            db.write(c -> Sql.update(c,
                    "UPDATE idempotency SET status = ?, content_type = ?, body = ? WHERE key = ?",
                    reply.status(), reply.contentType(), sealed, key));
        } else {
            release(key);
        }
        return reply;
    }

    private Claim claim(String key, String appKey) {
        Instant now = clock.instant();
        return db.write(c -> {
            Sql.update(c, "DELETE FROM idempotency WHERE key = ? AND expires_at < ?", key, now);
            int inserted = Sql.update(c, "INSERT INTO idempotency (key, status, created_at, expires_at, app_key) "
                    + "VALUES (?, 0, ?, ?, ?) ON CONFLICT (key) DO NOTHING", key, now, now.plus(KEEP), appKey);
            if (inserted == 1) {
                return new Claim.Claimed();
            }
            return Sql.one(c, "SELECT status, content_type, body, created_at FROM idempotency WHERE key = ?",
                    rs -> {
                        int status = rs.getInt("status");
                        if (status == 0) {
                            return (Claim) new Claim.Busy(Sql.instant(rs, "created_at"));
                        }
                        Optional<byte[]> body = replies.open(rs.getBytes("body"), key);
                        return body.isEmpty() ? new Claim.Unreadable() : new Claim.Done(new Reply(status,
                                rs.getString("content_type"), body.get(), Map.of()));
                    }, key).orElse(new Claim.Busy(now));
        });
    }

    /** Drops this key's claim, so that a retry runs the request. */
    private void release(String key) {
        db.write(c -> Sql.update(c, "DELETE FROM idempotency WHERE key = ? AND status = 0", key));
    }

    /** Drops this key's kept reply. */
    private void forget(String key) {
        db.write(c -> Sql.update(c, "DELETE FROM idempotency WHERE key = ? AND status <> 0", key));
    }

    private static String who(Principal principal) {
        return switch (principal) {
            case Principal.Admin admin -> admin.orgId();
            case Principal.AppScoped scoped -> scoped.orgId() + "/" + scoped.appId();
            case Principal.Anonymous anonymous -> "anonymous";
        };
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a concurrent request", e);
        }
    }
}
