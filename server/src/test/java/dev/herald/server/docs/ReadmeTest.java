package dev.herald.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's configuration table is part of the interface: it must list exactly the settings the code reads. */
class ReadmeTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void configurationTableListsEverySettingWithItsFlag() throws Exception {
        String readme = Files.readString(README);
        for (Setting s : Setting.values()) {
            assertThat(readme).as("README row for " + s.env())
                    .contains("| `" + s.env() + "` | `--" + s.flag() + "` |");
        }
    }

    @Test
    void readmeNamesNoSettingTheCodeDoesNotHave() throws Exception {
        Matcher m = Pattern.compile("\\| `(HERALD_[A-Z_]+)` \\|").matcher(Files.readString(README));
        Set<String> known = Arrays.stream(Setting.values()).map(Setting::env).collect(Collectors.toSet());
        while (m.find()) {
            assertThat(known).as("setting documented in README").contains(m.group(1));
        }
    }

    @Test
    void documentedDefaultsMatchTheCode() throws Exception {
        String readme = Files.readString(README);
        for (Setting s : Setting.values()) {
            s.defaultValue().filter(d -> !d.isEmpty()).ifPresent(d -> assertThat(readme)
                    .as("default of " + s.env()).containsPattern("\\| `" + s.env() + "` \\|[^\\n]*\\| `"
                            + Pattern.quote(d) + "` \\|"));
        }
    }
}
