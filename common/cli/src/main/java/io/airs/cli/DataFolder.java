package io.airs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the labelled sets are by default: {@code ../shared/data} beside this folder or one above it. */
final class DataFolder {

    private DataFolder() {}

    static Optional<Path> find() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
