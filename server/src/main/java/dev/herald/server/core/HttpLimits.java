package dev.herald.server.core;

import java.time.Duration;

/**
 * What the HTTP server grants one peer: how long a connection may sit silent, how many connections may be open at
 * once, and how fast a request body must arrive (bytes per second on average once it has had a few seconds; 0: no
 * minimum). Together they keep slow or idle clients (slowloris) from holding the server's connections.
 */
public record HttpLimits(Duration idleTimeout, int maxConnections, long minBodyRate) {
}
