package kz.shekara.server.bus;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Requests of a node of a cluster answered by their own record coming back from a topic: the node publishes a
 * record under a key and waits, at most {@code wait}, until its reader of that topic answers the key
 * ({@link #answer}, {@link #refuse}), which gives the caller what the record's turn in the topic decided. A key
 * that nobody here waits for is not answered (the record is another node's, or its wait is over). A request not
 * answered within the wait is counted in {@code unanswered}; a read-back that {@code keepsLate} still holds it,
 * so that its reader knows the late record as this node's own ({@link #isOwn}) and carries it out as such.
 * Thread-safe.
 *
 * @param <K> the key of a request (its record, or the record's id)
 * @param <V> the answer
 */
public final class ReadBack<K, V> {
    private final Map<K, CompletableFuture<V>> pending = new ConcurrentHashMap<>();
    private final Duration wait;
    private final Counter unanswered;
    private final boolean keepsLate;

    /**
     * @param wait       the longest a request waits for its answer
     * @param unanswered counts requests not answered within the wait
     * @param keepsLate  whether a request not answered within the wait stays this node's own for its reader
     */
    public ReadBack(Duration wait, Counter unanswered, boolean keepsLate) {
        this.wait = Objects.requireNonNull(wait, "wait");
        this.unanswered = Objects.requireNonNull(unanswered, "unanswered");
        this.keepsLate = keepsLate;
    }

    /**
     * Publishes the request's record ({@code publish}) and waits for its answer: the answer; empty when none came
     * within the wait (counted) or the thread was interrupted (its interrupt flag set again). A refusal given by
     * {@link #refuse} is thrown. When {@code publish} throws, nothing waits and the exception goes on.
     */
    public Optional<V> await(K key, Runnable publish) {
        CompletableFuture<V> answer = new CompletableFuture<>();
        pending.put(key, answer);
        try {
            publish.run();
        } catch (RuntimeException e) {
            pending.remove(key, answer); // not recorded: nothing comes back
            throw e;
        }
        try {
            return Optional.of(answer.get(wait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            unanswered.increment();
            if (!keepsLate) {
                pending.remove(key, answer);
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!keepsLate) {
                pending.remove(key, answer);
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Whether this node made the request of {@code key} and it is still waited for (or kept, when late). */
    public boolean isOwn(K key) {
        return pending.containsKey(key);
    }

    /** Answers the request of {@code key}, if this node waits for it; whether it did. */
    public boolean answer(K key, V value) {
        CompletableFuture<V> waiting = pending.remove(key);
        return waiting != null && waiting.complete(value);
    }

    /** Answers the request of {@code key} with a refusal, which its {@link #await} throws; whether it did. */
    public boolean refuse(K key, RuntimeException refusal) {
        CompletableFuture<V> waiting = pending.remove(key);
        return waiting != null && waiting.completeExceptionally(refusal);
    }
}
