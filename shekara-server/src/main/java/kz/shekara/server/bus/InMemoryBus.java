package kz.shekara.server.bus;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process {@link Bus}. Each subscription has a fixed number of partitions, each a bounded
 * queue drained by its own thread; a key always maps to the same partition, so per-key order holds.
 *
 * <p>Overload policy: when a partition queue is full, {@link #publish} blocks the publisher (so a
 * fast feed slows to what the slowest consumer takes) — except that on a supersedable topic
 * (unit positions) an event whose supersede key is already queued replaces the queued one in place
 * and never waits. Nothing else is ever dropped. An {@linkplain Topic#urgent urgent} event (an alarm
 * detection) never waits for room either: it goes into a separate lane of each partition that the
 * partition's thread empties first, so it overtakes the plots queued before it — or, for a
 * subscription made with {@link #subscribeInOrder}, at the end of the full queue (which then holds
 * more than its capacity by the urgent events in it). A subscription made with
 * {@link #subscribeInOrder} has a single partition: one queue and one thread in publish order across
 * all keys, so keys cannot drift apart in event time. Thread-safe.
 */
public final class InMemoryBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryBus.class);

    private final int partitions;
    private final int capacity;
    private final Map<Topic<?>, List<Sub<?>>> subscriptions = new HashMap<>();
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean closed;

    /** @param partitions threads per subscription; @param capacity queued events per partition before publishers block */
    public InMemoryBus(int partitions, int capacity) {
        if (partitions < 1 || capacity < 1) {
            throw new IllegalArgumentException("partitions and capacity must be >= 1");
        }
        this.partitions = partitions;
        this.capacity = capacity;
    }

    public InMemoryBus() {
        this(4, 65_536);
    }

    @Override
    public <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        if (closed) {
            throw new IllegalStateException("bus is closed");
        }
        List<Sub<?>> subs;
        synchronized (subscriptions) {
            subs = subscriptions.get(topic);
        }
        if (subs == null) {
            return;
        }
        int p = Math.floorMod(key == null ? 0 : key.hashCode(), partitions);
        for (Sub<?> s : subs) {
            @SuppressWarnings("unchecked")
            Sub<E> sub = (Sub<E>) s;
            sub.offer(p, event);
        }
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler) {
        return add(new Sub<>(topic, group, handler, false));
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInOrder(Topic<E> topic, String group,
                                                                Consumer<? super E> handler) {
        return add(new Sub<>(topic, group, handler, true));
    }

    private <E extends DomainEvent> Subscription add(Sub<E> sub) {
        Topic<E> topic = sub.topic;
        synchronized (subscriptions) {
            subscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(sub);
        }
        sub.start();
        return sub;
    }

    /** Current subscriptions, for metrics. */
    public List<Subscription> subscriptions() {
        synchronized (subscriptions) {
            return subscriptions.values().stream().flatMap(List::stream).map(s -> (Subscription) s).toList();
        }
    }

    @Override
    public void drain() throws InterruptedException {
        idleLock.lock();
        try {
            while (inFlight.get() > 0) {
                idle.await();
            }
        } finally {
            idleLock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (subscriptions) {
            subscriptions.values().forEach(l -> l.forEach(Sub::close));
            subscriptions.clear();
        }
    }

    private void handled(long n) {
        if (inFlight.addAndGet(-n) == 0) {
            idleLock.lock();
            try {
                idle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
    }

    /** A slot in a partition queue; a supersedable event may be swapped while it waits. */
    private static final class Slot<E> {
        E event;
        final String supersedeKey;

        Slot(E event, String supersedeKey) {
            this.event = event;
            this.supersedeKey = supersedeKey;
        }
    }

    private final class Sub<E extends DomainEvent> implements Subscription {
        private final Topic<E> topic;
        private final String group;
        private final Consumer<? super E> handler;
        private final boolean inOrder;
        private final List<Partition> parts;
        private final AtomicLong superseded = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private volatile boolean stopped;

        Sub(Topic<E> topic, String group, Consumer<? super E> handler, boolean inOrder) {
            this.topic = topic;
            this.group = group;
            this.handler = handler;
            this.inOrder = inOrder;
            int n = inOrder ? 1 : partitions;
            List<Partition> ps = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ps.add(new Partition(i));
            }
            this.parts = List.copyOf(ps);
        }

        void start() {
            for (Partition p : parts) {
                p.thread.start();
            }
        }

        void offer(int p, E event) {
            parts.get(inOrder ? 0 : p).offer(event);
        }

        @Override
        public String group() {
            return group;
        }

        @Override
        public int queueDepth() {
            int n = 0;
            for (Partition p : parts) {
                n += p.size();
            }
            return n;
        }

        @Override
        public long superseded() {
            return superseded.get();
        }

        @Override
        public long failures() {
            return failures.get();
        }

        @Override
        public void close() {
            stopped = true;
            synchronized (subscriptions) {
                List<Sub<?>> l = subscriptions.get(topic);
                if (l != null) {
                    l.remove(this);
                }
            }
            for (Partition p : parts) {
                p.thread.interrupt();
                handled(p.clear());
            }
        }

        private final class Partition {
            private final ArrayDeque<Slot<E>> queue = new ArrayDeque<>();
            private final ArrayDeque<Slot<E>> urgentLane = new ArrayDeque<>();
            private final Map<String, Slot<E>> pendingByKey = new HashMap<>();
            private final ReentrantLock lock = new ReentrantLock();
            private final Condition notEmpty = lock.newCondition();
            private final Condition notFull = lock.newCondition();
            private final Thread thread;

            Partition(int index) {
                thread = Thread.ofPlatform().daemon().name("bus-" + topic.name() + "-" + group + "-" + index)
                        .unstarted(this::run);
            }

            void offer(E event) {
                String sk = topic.supersedable() ? topic.supersedeKey().apply(event) : null;
                boolean urgent = topic.urgent(event);
                lock.lock();
                try {
                    if (sk != null) {
                        Slot<E> queued = pendingByKey.get(sk);
                        if (queued != null) {
                            queued.event = event;
                            superseded.incrementAndGet();
                            return;
                        }
                    }
                    while (!urgent && queue.size() >= capacity && !stopped) {
                        notFull.awaitUninterruptibly();
                    }
                    if (stopped) {
                        return;
                    }
                    Slot<E> slot = new Slot<>(event, sk);
                    (urgent && !inOrder ? urgentLane : queue).addLast(slot);
                    if (sk != null) {
                        pendingByKey.put(sk, slot);
                    }
                    inFlight.incrementAndGet();
                    notEmpty.signal();
                } finally {
                    lock.unlock();
                }
            }

            int size() {
                lock.lock();
                try {
                    return queue.size() + urgentLane.size();
                } finally {
                    lock.unlock();
                }
            }

            int clear() {
                lock.lock();
                try {
                    int n = queue.size() + urgentLane.size();
                    queue.clear();
                    urgentLane.clear();
                    pendingByKey.clear();
                    notFull.signalAll();
                    return n;
                } finally {
                    lock.unlock();
                }
            }

            private void run() {
                while (!stopped) {
                    E event;
                    lock.lock();
                    try {
                        while (queue.isEmpty() && urgentLane.isEmpty()) {
                            notEmpty.await();
                        }
                        Slot<E> slot = urgentLane.isEmpty() ? queue.pollFirst() : urgentLane.pollFirst();
                        if (slot.supersedeKey != null) {
                            pendingByKey.remove(slot.supersedeKey);
                        }
                        event = slot.event;
                        notFull.signal();
                    } catch (InterruptedException e) {
                        return;
                    } finally {
                        lock.unlock();
                    }
                    try {
                        handler.accept(event);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        LOG.warn("handler {} on {} failed: {}", group, topic.name(), e.toString());
                    } finally {
                        handled(1);
                    }
                }
            }
        }
    }
}
