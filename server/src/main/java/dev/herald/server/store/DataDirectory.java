package dev.herald.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's directory holds every secret Herald keeps (the database, its log, the key file), so only its
 * owner may enter it or read its files: it is created {@code rwx------} with files {@code rw-------}, and a
 * directory or file found looser at start is tightened, with a warning. SQLite gives its {@code -wal} and
 * {@code -shm} files the database file's mode, so creating that file owner-only covers them too. On a file system
 * without POSIX permissions nothing is changed.
 */
final class DataDirectory {
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates the directory owner-only, or tightens it and the files in it; then creates {@code files} if absent. */
    static void secure(Path dir, Path... files) {
        try {
            if (Files.notExists(dir)) {
                Files.createDirectories(dir);
            }
            if (!supportsPosix(dir)) {
                return;
            }
            tighten(dir, DIRECTORY);
            try (Stream<Path> present = Files.list(dir)) {
                for (Path each : present.filter(Files::isRegularFile).toList()) {
                    tighten(each, FILE);
                }
            }
            for (Path file : files) {
                if (Files.notExists(file)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot create or secure the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean supportsPosix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
        if (!wanted.containsAll(current)) {
            Files.setPosixFilePermissions(path, wanted);
            log.warn("tightened permissions of {} from {} to {}: it holds secrets, only its owner may read it",
                    path, PosixFilePermissions.toString(current), PosixFilePermissions.toString(wanted));
        }
    }
}
