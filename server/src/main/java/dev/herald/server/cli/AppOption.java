package dev.herald.server.cli;

import picocli.CommandLine.Option;

/** The application a command works on, by id or uid, as the API's paths take it. */
final class AppOption {
    @Option(names = "--app", required = true, paramLabel = "APP", order = 0,
            description = "the application's id or uid")
    String app;

    String path() {
        return "/api/v1/app/" + ApiClient.encode(app);
    }
}
