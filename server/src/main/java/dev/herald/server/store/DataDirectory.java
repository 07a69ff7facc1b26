package dev.herald.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's directory holds every secret Herald keeps (the database, its log, the key file), so only its
 * owner may enter it or read its files: it is created {@code rwx------} with files {@code rw-------}, and Herald's
 * files, or a directory that holds nothing else, found looser at start are tightened, with a warning. A looser
 * directory that also holds other files (say {@code --data-dir .}) is only warned about, never changed. SQLite gives
 * its {@code -wal} and {@code -shm} files the database file's mode, so creating that file owner-only covers them
 * too. On a file system without POSIX permissions nothing is changed.
 */
final class DataDirectory {
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** Files Herald writes into its data directory (the key file's temporary copies start with its name). */
    private static final List<String> OWN_FILES = List.of("herald.db", "herald.lock", "secret.key");

    private DataDirectory() {
    }

    /** Creates the directory owner-only, or tightens it and Herald's files in it; then creates {@code files}. */
    static void secure(Path dir, Path... files) {
        try {
            boolean created = Files.notExists(dir);
            if (created && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY)); // owner-only from birth
            } else if (created) {
                Files.createDirectories(dir);
            }
            if (!supportsPosix(dir)) {
                return;
            }
            List<Path> present;
            try (Stream<Path> list = Files.list(dir)) {
                present = list.toList();
            }
            List<Path> own = present.stream().filter(DataDirectory::isOwn).toList();
            if (created || own.size() == present.size()) {
                tighten(dir, DIRECTORY);
            } else if (!DIRECTORY.containsAll(Files.getPosixFilePermissions(dir))) {
                log.warn("the data directory {} can be entered by others ({}) and holds files that are not Herald's, "
                        + "so Herald leaves it as it is; give Herald a directory of its own, readable by its owner only",
                        dir, PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            }
            for (Path file : own) {
                if (Files.isRegularFile(file)) {
                    tighten(file, FILE);
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

    private static boolean isOwn(Path file) {
        String name = file.getFileName().toString();
        return OWN_FILES.stream().anyMatch(name::startsWith);
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
