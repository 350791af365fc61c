package org.anshin.common.config;

import java.nio.file.Path;

/** A config file is missing, unreadable or wrong; the message names the file and the entry. */
public final class ConfigException extends RuntimeException {
    public ConfigException(Path file, String entry, String problem) {
        super(file + (entry == null || entry.isEmpty() ? "" : ": " + entry) + ": " + problem);
    }

    public ConfigException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
