package kz.shekara.server.alertdesk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** An operator command's answer, given once its output is stored. Stateless. */
final class StoredAnswer {
    private StoredAnswer() {
    }

    /** Waits (outside the desk lock) until {@code published} is done and answers {@code result}; rethrows a store failure. */
    static <T> T of(T result, CompletableFuture<Void> published) {
        try {
            published.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
        return result;
    }
}
