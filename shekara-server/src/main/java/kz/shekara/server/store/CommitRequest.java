package kz.shekara.server.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Entries handed to the {@link GroupCommitter} to append: {@code onStored} is null for a synchronous
 * request; {@code bulk} puts it in the bulk lane; {@code urgent} marks events already delivered, whose
 * commit waits briefly for the answer a subscriber publishes. Immutable (the future completes once).
 */
record CommitRequest(List<LogEntry> entries, CompletableFuture<Long> done, Runnable onStored, boolean bulk,
                     boolean urgent) {
    CommitRequest(List<LogEntry> entries, Runnable onStored, boolean bulk, boolean urgent) {
        this(entries, new CompletableFuture<>(), onStored, bulk, urgent);
    }

    boolean async() {
        return onStored != null;
    }
}
