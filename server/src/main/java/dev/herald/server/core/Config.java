package dev.herald.server.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Herald's settings, built once at start by {@link ConfigLoader} and passed down; nothing reads the environment
 * after this.
 */
public record Config(
        int port,
        String bind,
        Path dataDir,
        Optional<String> databaseUrl,
        int dbPoolSize,
        Optional<String> adminToken,
        List<Cidr> allowNetworks,
        List<Duration> retrySchedule,
        Optional<String> secretKey,
        Optional<String> jwtSecret,
        Optional<String> publicUrl,
        Duration requestTimeout,
        Duration disableAfter,
        Duration retention,
        long maxBodyBytes,
        HttpLimits httpLimits,
        ResourceLimits resourceLimits,
        int endpointConcurrency,
        int maxHeldTasks,
        Optional<String> metricsToken,
        List<String> portalFrameAncestors,
        String logFormat,
        Optional<String> nodeUrl) {

    public Config {
        allowNetworks = List.copyOf(allowNetworks);
        retrySchedule = List.copyOf(retrySchedule);
        portalFrameAncestors = List.copyOf(portalFrameAncestors);
    }

    /** The URL clients use to reach this server, for links such as ingest URLs. */
    public String baseUrl() {
        return publicUrl.orElse("http://localhost:" + port).replaceAll("/+$", "");
    }

    public Config withPort(int newPort) {
        return new Config(newPort, bind, dataDir, databaseUrl, dbPoolSize, adminToken, allowNetworks, retrySchedule,
                secretKey, jwtSecret, publicUrl, requestTimeout, disableAfter, retention, maxBodyBytes,
                httpLimits, resourceLimits, endpointConcurrency, maxHeldTasks, metricsToken, portalFrameAncestors,
                logFormat, nodeUrl);
    }

    @Override
    public String toString() {
        // Secrets stay out of logs and error messages.
        return "Config[port=" + port + ", bind=" + bind + ", dataDir=" + dataDir
                + ", store=" + (databaseUrl.isPresent() ? "postgresql, dbPoolSize=" + dbPoolSize : "sqlite")
                + ", allowNetworks=" + allowNetworks.size() + " CIDRs, retrySchedule=" + retrySchedule
                + ", requestTimeout=" + requestTimeout + ", disableAfter=" + disableAfter
                + ", retention=" + retention + ", maxBodyBytes=" + maxBodyBytes
                + ", " + httpLimits + ", " + resourceLimits
                + ", endpointConcurrency=" + endpointConcurrency + ", maxHeldTasks=" + maxHeldTasks + "]";
    }
}
