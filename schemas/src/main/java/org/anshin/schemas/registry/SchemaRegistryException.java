package org.anshin.schemas.registry;

/** A registry call failed. Subclasses tell apart what a caller may react to. */
public class SchemaRegistryException extends RuntimeException {
    private final int status;

    public SchemaRegistryException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public SchemaRegistryException(String message, int status) {
        this(message, status, null);
    }

    /** HTTP status of the answer, or 0 when there was none (I/O failure). */
    public int status() {
        return status;
    }

    /** 409: the schema breaks the subject's compatibility rule. */
    public static final class Incompatible extends SchemaRegistryException {
        public Incompatible(String message) {
            super(message, 409);
        }
    }

    /** 404: unknown subject, version or schema id. */
    public static final class NotFound extends SchemaRegistryException {
        public NotFound(String message) {
            super(message, 404);
        }
    }

    /** The registry could not be reached or kept answering 5xx after the retry budget. */
    public static final class Unavailable extends SchemaRegistryException {
        public Unavailable(String message, int status, Throwable cause) {
            super(message, status, cause);
        }
    }
}
