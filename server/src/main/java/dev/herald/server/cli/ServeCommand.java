package dev.herald.server.cli;

import dev.herald.server.Herald;
import dev.herald.server.core.Config;
import dev.herald.server.core.ConfigException;
import dev.herald.server.core.ConfigLoader;
import dev.herald.server.core.Setting;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code herald serve}: runs the server until SIGTERM/SIGINT, then shuts down gracefully and exits 0. */
@Command(name = "serve", description = "Start the Herald server.", mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    private static volatile boolean served;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file of 'setting = value' lines (keys as the flags without dashes)")
    Path configFile;

    /** Adds one option per {@link Setting}, so flags, help and the config loader share one table. */
    static void addSettingOptions(CommandSpec spec) {
        for (Setting s : Setting.values()) {
            String help = s.help() + " (env " + s.env() + (s.defaultValue().filter(d -> !d.isEmpty())
                    .map(d -> ", default " + d).orElse("") + ")");
            spec.addOption(OptionSpec.builder("--" + s.flag()).paramLabel("VALUE").type(String.class)
                    .description(help).build());
        }
    }

    static Map<Setting, String> flags(CommandSpec spec) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String value = spec.findOption("--" + s.flag()).getValue();
            if (value != null) {
                flags.put(s, value);
            }
        }
        return flags;
    }

    static Config loadConfig(CommandSpec spec, Path configFile) {
        Config config = ConfigLoader.load(flags(spec), System.getenv(), Optional.ofNullable(configFile));
        Logging.configure(config.logFormat());
        return config;
    }

    static boolean servedUntilStopped() {
        return served;
    }

    @Override
    public Integer call() throws Exception {
        Config config;
        try {
            config = loadConfig(spec, configFile);
        } catch (ConfigException e) {
            System.err.println("herald: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Herald started;
        try {
            started = Herald.start(config, Clock.systemUTC());
        } catch (Exception e) {
            System.err.println("herald: cannot start: " + rootMessage(e));
            org.slf4j.LoggerFactory.getLogger(ServeCommand.class).debug("start failed", e);
            return 1;
        }
        try (Herald herald = started) {
            printBanner(herald);
            stop.await();
            System.out.println("Herald is stopping...");
        }
        System.out.println("Herald stopped.");
        served = true;
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return e == cause || String.valueOf(e.getMessage()).contains(String.valueOf(cause.getMessage()))
                ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }

    private static void printBanner(Herald herald) {
        String url = herald.config().publicUrl().orElse("http://localhost:" + herald.port());
        StringBuilder banner = new StringBuilder()
                .append("\nHerald is running on ").append(url).append('\n')
                .append("  API:     ").append(url).append("/api/v1/  (Svix API v1 compatible)\n")
                .append("  Health:  ").append(url).append("/api/v1/health\n");
        herald.generatedAdminToken().ifPresent(token -> banner
                .append("\n  Admin token (shown only this once; only its hash is stored):\n\n    ")
                .append(token).append("\n\n")
                .append("  Use it as:  curl -H 'Authorization: Bearer ").append(token).append("' ")
                .append(url).append("/api/v1/app\n")
                .append("  Lost it? Run ./herald admin-token --reset\n"));
        System.out.println(banner);
        System.out.flush();
    }
}
