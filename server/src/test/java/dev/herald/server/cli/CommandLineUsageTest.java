package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every developer command explains itself with examples, and bad usage exits with 2 before anything is sent. */
class CommandLineUsageTest {

    @ParameterizedTest
    @ValueSource(strings = {"send", "tail", "listen", "verify", "sign", "migrate-from-svix"})
    void helpShowsExamples(String command) {
        Cli.Run run = Cli.run(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Examples:", "herald " + command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"send", "tail", "listen", "migrate-from-svix"})
    void serverCommandsNameTheirEnvironmentDefaults(String command) {
        assertThat(Cli.run(command, "--help").out()).contains("HERALD_URL", "HERALD_TOKEN", "--json");
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(Cli.run("listen", "ftp://localhost/x", "--app", "shop").exitCode()).isEqualTo(2);
        assertThat(Cli.run("listen", "http://localhost/x").exitCode()).as("--app or --source").isEqualTo(2);
        assertThat(Cli.run("listen", "http://localhost/x", "--app", "a", "--source", "s").exitCode()).isEqualTo(2);
        assertThat(Cli.run("tail", "--app", "shop", "--interval", "soon").exitCode()).isEqualTo(2);
        assertThat(Cli.run("send", "--app", "shop", "--event-type", "t", "--data", "{}", "--data-file", "f")
                .exitCode()).isEqualTo(2);
        assertThat(Cli.run("migrate-from-svix", "--from", "http://localhost:1").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnreachableServerExitsWithOne() {
        Cli.Run run = Cli.run("send", "--app", "shop", "--event-type", "t", "--data", "{}",
                "--server", "http://127.0.0.1:1", "--token", "t");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach http://127.0.0.1:1");
    }
}
