package org.anshin.notifier.channel;

/** How one attempt ended, as far as retrying is concerned. */
public record SendResult(Kind kind, String error) {
    public enum Kind { DELIVERED, RETRYABLE, PERMANENT }

    /** The same result with its error text passed through {@code f} (e.g. a channel's secret scrubber). */
    public SendResult mapError(java.util.function.UnaryOperator<String> f) {
        return error == null ? this : new SendResult(kind, f.apply(error));
    }

    public static SendResult delivered() {
        return new SendResult(Kind.DELIVERED, null);
    }

    public static SendResult retryable(String error) {
        return new SendResult(Kind.RETRYABLE, error);
    }

    public static SendResult permanent(String error) {
        return new SendResult(Kind.PERMANENT, error);
    }

    /**
     * HTTP answers: 2xx delivered; 408 (timeout) and 429 (throttled) and 5xx worth another try; any
     * other 4xx means the request itself is wrong and repeating it cannot help.
     */
    public static SendResult ofHttpStatus(int status, String bodySnippet) {
        if (status >= 200 && status < 300) {
            return delivered();
        }
        String error = "HTTP " + status + (bodySnippet == null || bodySnippet.isBlank() ? "" : ": " + bodySnippet);
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return permanent(error);
        }
        return retryable(error);
    }
}
