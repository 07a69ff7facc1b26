package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.HeraldProcess;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The durability promise: a message Herald answered 202 for is delivered even if the process is killed with
 * SIGKILL while it accepts and delivers messages, once it starts again on the same store. On PostgreSQL the
 * restarted node is a new node: it takes over the dead one's leased work when those leases lapse.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class CrashRecoveryTest {
    @Parameter
    StoreKind store;

    private String postgresUrl;

    @AfterEach
    void dropDatabase() {
        if (postgresUrl != null) {
            StoreKind.dropPostgresDatabase(postgresUrl);
        }
    }

    private Map<String, String> environment(Path dir) {
        Map<String, String> env = new HashMap<>(Map.of("HERALD_ALLOW_NETWORKS", "127.0.0.0/8",
                "HERALD_RETRY_SCHEDULE", "1s,1s,1s,1s,1s", "HERALD_SECRET_KEY", "crash-test-key",
                "HERALD_ENDPOINT_CONCURRENCY", "4"));
        if (store == StoreKind.POSTGRESQL) {
            postgresUrl = StoreKind.createPostgresDatabase();
            env.put("HERALD_DATABASE_URL", postgresUrl);
            env.put("HERALD_REQUEST_TIMEOUT", "2s"); // leases lapse 20 s after it: the takeover comes sooner
        } else {
            env.put("HERALD_DATA_DIR", dir.resolve("data").toString());
        }
        return env;
    }

    @Test
    void everyAcknowledgedMessageIsDeliveredAfterSigkillAndRestart(@TempDir Path dir) throws Exception {
        Map<String, String> env = environment(dir);
        Path log = dir.resolve("herald.log");
        try (Receiver receiver = Receiver.start()
                // slow on purpose: deliveries lag behind acceptance, so the kill lands with work queued and in flight
                .answering(n -> new Receiver.Answer(200, "", Map.of(), Duration.ofMillis(100)));
             HeraldProcess herald = new HeraldProcess(env, log).start()) {
            Api api = herald.api();
            String app = api.post("/api/v1/app", Map.of("name", "crash")).json().get("id").asText();
            assertThat(api.post("/api/v1/app/" + app + "/endpoint", Map.of("url", receiver.url("/crash"))).status())
                    .isEqualTo(201);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean producing = new AtomicBoolean(true);
            ExecutorService producers = Executors.newVirtualThreadPerTaskExecutor();
            for (int p = 0; p < 8; p++) {
                producers.submit(() -> {
                    while (producing.get()) {
                        try {
                            var r = api.post("/api/v1/app/" + app + "/msg", "{\"eventType\":\"crash.test\",\"payload\":{}}");
                            if (r.status() == 202) {
                                acknowledged.add(r.json().get("id").asText());
                            }
                        } catch (RuntimeException connectionLost) {
                            // the server was killed under this request: it was never acknowledged
                        }
                    }
                });
            }
            receiver.await(30, Duration.ofSeconds(30)); // deliveries are flowing
            herald.kill();
            producing.set(false);
            producers.shutdown();
            producers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            int deliveredBeforeCrash = receiver.received().size();

            receiver.answering(n -> Receiver.Answer.status(200));
            herald.start();

            Set<String> delivered = receiver.awaitWebhookIds(acknowledged, Duration.ofSeconds(90));
            assertThat(delivered).containsAll(acknowledged);
            assertThat(acknowledged.size()).isGreaterThan(deliveredBeforeCrash); // the kill left work undelivered
            System.out.printf("crash recovery: acknowledged=%d deliveredBeforeKill=%d deliveredAfterRestart=%d%n",
                    acknowledged.size(), deliveredBeforeCrash, delivered.size());
        }
    }
}
