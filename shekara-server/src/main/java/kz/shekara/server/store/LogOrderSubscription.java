package kz.shekara.server.store;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription fed by the log writer after each commit with the committed events of one topic, in
 * seq order, and drained by its own thread (see {@link LoggedBus#subscribeInLogOrder}). The writer
 * never waits on it; publishers of the topic wait in {@link #awaitRoom()} while more than
 * {@code capacity} events are queued (back pressure). Thread-safe.
 */
final class LogOrderSubscription<E extends DomainEvent> implements Bus.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(LogOrderSubscription.class);
    private final Topic<E> topic;
    private final String group;
    private final Bus.Positioned<? super E> handler;
    private final int capacity;
    private final ArrayDeque<StoredEvent> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition changed = lock.newCondition();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private final Consumer<LogOrderSubscription<?>> onClose;
    private boolean busy; // guarded by lock: the handler is running
    private volatile boolean stopped;

    LogOrderSubscription(Topic<E> topic, String group, Bus.Positioned<? super E> handler, int capacity,
                         Consumer<LogOrderSubscription<?>> onClose) {
        this.topic = topic;
        this.group = group;
        this.handler = handler;
        this.capacity = capacity;
        this.onClose = onClose;
        this.thread = Thread.ofPlatform().daemon().name("log-order-" + topic.name() + "-" + group).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** The writer hands over a committed event; ignored unless of this topic. Never blocks. */
    void committed(StoredEvent event) {
        if (!event.topic().equals(topic.name()) || stopped) {
            return;
        }
        lock.lock();
        try {
            queue.addLast(event);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a publisher of {@code t} is to wait for room here. */
    boolean feeds(Topic<?> t) {
        return t.equals(topic);
    }

    /** Blocks while the queue is over its capacity (a publisher of the topic, after its commit). */
    void awaitRoom() {
        lock.lock();
        try {
            while (queue.size() >= capacity && !stopped) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until nothing is queued or being handled. */
    void awaitIdle() throws InterruptedException {
        lock.lock();
        try {
            while ((busy || !queue.isEmpty()) && !stopped) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean idle() {
        lock.lock();
        try {
            return stopped || (!busy && queue.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private void run() {
        while (!stopped) {
            StoredEvent event;
            lock.lock();
            try {
                while (queue.isEmpty()) {
                    notEmpty.await();
                }
                event = queue.pollFirst();
                busy = true;
                changed.signalAll();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                handler.accept(event.seq(), (E) event.event());
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.warn("handler {} on {} failed at seq {}: {}", group, topic.name(), event.seq(), e.toString());
            } finally {
                lock.lock();
                try {
                    busy = false;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public int queueDepth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long failures() {
        return failures.get();
    }

    /** Stops delivery: what is queued is dropped; a handler already running finishes. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        onClose.accept(this);
        lock.lock();
        try {
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
    }
}
