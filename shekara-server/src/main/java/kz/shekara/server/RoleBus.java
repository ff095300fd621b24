package kz.shekara.server;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.ForwardingBus;
import kz.shekara.server.bus.Topic;

/**
 * The bus of a node that runs some roles only: publishes go straight through; a subscription is taken
 * as {@link NodeRoles#take} says — skipped when its subscriber is another node's role (the service
 * stays idle), in the group shared by the role's workers, or in a group of this node's own (a view
 * that must see every event, named {@code group + "." + node}). A shared subscription to
 * {@link Topic#TRACKS} drops a track update that is not newer than the last one of its track (see
 * {@link TrackReplayFilter}): a tracker worker that takes over a partition sends its last updates again.
 * Thread-safe as the bus under it.
 */
final class RoleBus extends ForwardingBus {
    private final NodeRoles roles;
    private final String node;

    RoleBus(Bus delegate, NodeRoles roles, String node) {
        super(delegate);
        this.roles = roles;
        this.node = node;
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler) {
        return route(group, (g, shared) -> delegate().subscribe(topic, g, shared ? once(topic, handler) : handler));
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInOrder(Topic<E> topic, String group,
                                                                Consumer<? super E> handler) {
        return route(group, (g, shared) -> delegate().subscribeInOrder(topic, g, shared ? once(topic, handler) : handler));
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInLogOrder(Topic<E> topic, String group,
                                                                   Positioned<? super E> handler) {
        return route(group, (g, shared) -> delegate().subscribeInLogOrder(topic, g, handler));
    }

    /** Subscribes as {@link NodeRoles#take} says: not at all, in the role's group, or in the node's own. */
    private Subscription route(String group, BiFunction<String, Boolean, Subscription> subscribe) {
        return switch (roles.take(group)) {
            case SKIP -> idle(group);
            case SHARED -> subscribe.apply(group, true);
            case OWN -> subscribe.apply(group + "." + node, false);
        };
    }

    @SuppressWarnings("unchecked")
    private static <E extends DomainEvent> Consumer<? super E> once(Topic<E> topic, Consumer<? super E> handler) {
        if (!topic.equals(Topic.TRACKS)) {
            return handler;
        }
        TrackReplayFilter filter = new TrackReplayFilter();
        Consumer<? super TrackUpdate> tracks = (Consumer<? super TrackUpdate>) handler;
        Consumer<TrackUpdate> filtered = u -> {
            if (filter.fresh(u)) {
                tracks.accept(u);
            }
        };
        return (Consumer<? super E>) filtered;
    }

    private static Subscription idle(String group) {
        return new Subscription() {
            @Override
            public String group() {
                return group;
            }

            @Override
            public long failures() {
                return 0;
            }

            @Override
            public void close() {
                // nothing was subscribed
            }
        };
    }
}
