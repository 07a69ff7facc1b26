package dev.herald.server.cli;

import picocli.CommandLine.Option;

/** The options of every command that talks to a server: where it is, the token, and machine-readable output. */
final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:HERALD_URL:-http://localhost:8071}",
            description = "the Herald server (env HERALD_URL, default http://localhost:8071)")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:HERALD_TOKEN}",
            description = "the API token (env HERALD_TOKEN)")
    String token;

    @Option(names = "--json", description = "print JSON, one object per line, for scripts")
    boolean json;

    ApiClient client() {
        return new ApiClient(server, token);
    }
}
