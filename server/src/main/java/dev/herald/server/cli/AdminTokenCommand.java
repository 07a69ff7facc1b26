package dev.herald.server.cli;

import dev.herald.server.auth.AdminToken;
import dev.herald.server.core.Config;
import dev.herald.server.core.ConfigException;
import dev.herald.server.core.Ids;
import dev.herald.server.store.Database;
import dev.herald.server.store.Databases;
import dev.herald.server.store.StoredSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald admin-token --reset}: replaces a lost generated admin token (restart running servers after). */
@Command(name = "admin-token", mixinStandardHelpOptions = true,
        description = "Replace the generated admin token with a new one and print it (for a lost token). "
                + "Running servers keep the old token until restarted.")
final class AdminTokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--reset", required = true, description = "generate and store a new admin token")
    boolean reset;

    @Option(names = "--config", paramLabel = "FILE", description = "config file, as for serve")
    Path configFile;

    @Override
    public Integer call() {
        Config config;
        try {
            config = ServeCommand.loadConfig(spec, configFile);
        } catch (ConfigException e) {
            System.err.println("herald: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (config.adminToken().isPresent()) {
            System.err.println("herald: HERALD_ADMIN_TOKEN is set, so that token is the admin token; nothing to reset");
            return CommandLine.ExitCode.USAGE;
        }
        try (Database db = Databases.open(config)) {
            String token = AdminToken.reset(new StoredSettings(db), new Ids(Clock.systemUTC()));
            System.out.println(token);
        }
        return 0;
    }
}
