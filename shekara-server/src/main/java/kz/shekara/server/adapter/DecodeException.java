package kz.shekara.server.adapter;

/**
 * Bad input from a feed: a short machine-readable {@code reason} (counted per reason in the
 * metrics, for example {@code malformed-xml}, {@code lat-out-of-range}) and a human message.
 * Thrown by decoders; the connection or file reader that caught it goes on with the next input.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public DecodeException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DecodeException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
