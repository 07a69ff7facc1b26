package dev.herald.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.Setting;
import dev.herald.server.testing.LogCapture;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The embedded store's directory holds the database, its log and the key file, on the real file system: only its
 * owner may enter it or read them, whether Herald creates it or finds it looser at start.
 */
@Isolated("it reads the JVM-wide log")
class DataDirectoryTest {
    @TempDir
    Path parent;

    @Test
    void createsTheDataDirectoryAndEveryFileInItForItsOwnerOnly() throws IOException {
        Path dataDir = parent.resolve("data");

        try (LogCapture logs = new LogCapture(); TestHerald server = startOn(dataDir)) {
            assertThat(permissions(dataDir)).isEqualTo("rwx------");
            assertThat(logs.lines()).as("a directory Herald made needs no tightening")
                    .noneMatch(line -> line.contains("tightened permissions"));
            assertThat(Files.list(dataDir).map(Path::getFileName).map(Path::toString).toList())
                    .contains("herald.db", "herald.db-wal", "herald.db-shm", "herald.lock", "secret.key");
            try (var files = Files.list(dataDir)) {
                assertThat(files.toList()).allSatisfy(file -> assertThat(permissions(file)).as(file.toString())
                        .isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void tightensALooserDirectoryAndFilesFoundAtStart() throws IOException {
        Path dataDir = withPermissions(Files.createDirectory(parent.resolve("data")), "rwxr-xr-x");
        Path key = withPermissions(Files.writeString(dataDir.resolve("secret.key"), "an-existing-key"), "rw-r--r--");

        try (TestHerald server = startOn(dataDir)) {
            assertThat(permissions(dataDir)).isEqualTo("rwx------");
            assertThat(permissions(key)).isEqualTo("rw-------");
            assertThat(permissions(dataDir.resolve("herald.db"))).isEqualTo("rw-------");
        }
    }

    /** A server on the embedded store in this directory, with the key generated into it (no HERALD_SECRET_KEY). */
    private static TestHerald startOn(Path dataDir) {
        return TestHerald.start(StoreKind.SQLITE, Map.of(Setting.DATA_DIR, dataDir.toString(), Setting.SECRET_KEY, ""));
    }

    private static Path withPermissions(Path path, String permissions) throws IOException {
        return Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void leavesADirectoryThatAlsoHoldsOtherFilesAsItIsButTightensHeraldsOwnFiles() throws IOException {
        Path shared = withPermissions(Files.createDirectory(parent.resolve("shared")), "rwxr-xr-x");
        Path notOurs = withPermissions(Files.writeString(shared.resolve("notes.txt"), "someone else's"), "rw-r--r--");

        try (TestHerald server = startOn(shared)) {
            assertThat(permissions(shared)).isEqualTo("rwxr-xr-x");
            assertThat(permissions(notOurs)).isEqualTo("rw-r--r--");
            assertThat(permissions(shared.resolve("herald.db"))).isEqualTo("rw-------");
            assertThat(permissions(shared.resolve("secret.key"))).isEqualTo("rw-------");
        }
    }
}
