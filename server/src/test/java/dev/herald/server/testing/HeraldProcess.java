package dev.herald.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Herald in its own OS process (the same classes the tests run), so a test can kill it with SIGKILL and start it
 * again on the same store.
 */
public final class HeraldProcess implements AutoCloseable {
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    public HeraldProcess(Map<String, String> env, Path log) {
        this.port = freePort();
        var all = new java.util.HashMap<>(env);
        all.put("HERALD_PORT", Integer.toString(port));
        all.put("HERALD_BIND", "127.0.0.1");
        all.putIfAbsent("HERALD_ADMIN_TOKEN", TestHerald.ADMIN_TOKEN);
        this.env = Map.copyOf(all);
        this.log = log;
    }

    public HeraldProcess start() {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "dev.herald.server.cli.Main", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(Duration.ofSeconds(60));
        return this;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then the exit code. */
    public int terminate(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Api api() {
        return new Api(baseUrl(), env.get("HERALD_ADMIN_TOKEN"));
    }

    private void awaitHealthy(Duration limit) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("herald exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("herald did not become healthy within " + limit + "; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
