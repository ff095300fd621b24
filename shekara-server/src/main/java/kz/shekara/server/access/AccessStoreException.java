package kz.shekara.server.access;

/** The accounts or tokens tables could not be read or written; the message names the operation. */
public final class AccessStoreException extends RuntimeException {
    AccessStoreException(String what, Throwable cause) {
        super("accounts store: cannot " + what + ": " + cause.getMessage(), cause);
    }
}
