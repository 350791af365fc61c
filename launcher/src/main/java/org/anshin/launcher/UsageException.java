package org.anshin.launcher;

/** A wrong command line; the message is printed with the usage. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
