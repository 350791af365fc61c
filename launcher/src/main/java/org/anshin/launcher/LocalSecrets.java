package org.anshin.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.anshin.devstack.DevstackException;

/**
 * The two secrets a local stack needs, made once under {@code var/secrets/} (mode 600) and kept across
 * restarts: the internal query token ingest and routing share, and routing's pseudonym key (which must not
 * change, or AMBER cascade warnings of one incident stop correlating). {@code --fresh} wipes them with var/.
 * The services read them with {@code --internal-token-file} and {@code --pseudonym-key-file}; their values
 * never appear on a command line or in a log.
 */
final class LocalSecrets {
    static final String INTERNAL_TOKEN = "internal-token";
    static final String PSEUDONYM_KEY = "pseudonym-key";
    private final Path dir;

    LocalSecrets(Path varDir) {
        this.dir = varDir.resolve("secrets");
    }

    /** The file holding the secret, made with 32 random bytes (hex) if it does not exist yet. */
    Path file(String name) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path tmp = Files.createTempFile(dir, name, ".tmp", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException raced) {
                    Files.delete(tmp);
                }
            }
            return file;
        } catch (IOException e) {
            throw new DevstackException("cannot make " + file + ": " + e.getMessage(), e);
        }
    }
}
