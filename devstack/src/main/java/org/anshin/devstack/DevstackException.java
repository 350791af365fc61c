package org.anshin.devstack;

/** A local-infrastructure problem with a message meant for a human (no stack trace needed). */
public class DevstackException extends RuntimeException {
    public DevstackException(String message) {
        super(message);
    }

    public DevstackException(String message, Throwable cause) {
        super(message, cause);
    }
}
