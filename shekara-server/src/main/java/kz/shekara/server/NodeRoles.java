package kz.shekara.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The roles one node of a Kafka cluster runs ({@code serve --kafka --roles …}): {@code ingest} (CoT/TAK
 * inputs and the devices they serve), {@code tracker}, {@code rules}, {@code response} (workers that
 * share a consumer group per role, each owning the sectors of its partitions), {@code api} (the web
 * map, REST and WebSocket over views of its own), {@code store} (the event store as a consumer group of
 * every topic, see {@link StoreNode}); {@code all} is every role but {@code store} in one process, as one
 * server runs (it logs everything it handles itself). The responder runs beside the rules (it moves
 * incidents on through their desk); the store runs alone on its node (a node logs what it publishes
 * itself, so with other roles their events would be stored twice).
 * Immutable.
 */
public record NodeRoles(Set<Role> roles) {
    /** One role. */
    public enum Role {
        INGEST, TRACKER, RULES, RESPONSE, API, STORE;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The names {@code --roles} takes. */
    public static final List<String> NAMES = List.of("all", "ingest", "tracker", "rules", "response", "api",
            "store");

    /** The roles of the whole server ({@code all}): every role but {@code store}. */
    private static final Set<Role> WHOLE = Set.copyOf(EnumSet.complementOf(EnumSet.of(Role.STORE)));

    public NodeRoles {
        roles = Set.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one role (" + String.join(", ", NAMES) + ")");
        }
        if (roles.contains(Role.RESPONSE) && !roles.contains(Role.RULES)) {
            throw new IllegalArgumentException("role 'response' runs beside 'rules' (it moves incidents on through "
                    + "the rules' desk): use --roles rules,response");
        }
        if (roles.contains(Role.STORE) && roles.size() > 1) {
            throw new IllegalArgumentException("role 'store' runs alone on its node (a node logs what it publishes "
                    + "itself: with other roles, their events would be stored twice): use --roles store");
        }
    }

    /** Every role of the whole server: all but {@code store} (the whole server logs what it handles itself). */
    public static NodeRoles all() {
        return new NodeRoles(WHOLE);
    }


    /** The roles named ({@code all} or role names, any case); IllegalArgumentException naming what is unknown. */
    public static NodeRoles parse(Collection<String> names) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        List<String> unknown = new ArrayList<>();
        for (String raw : names) {
            String n = raw.strip().toLowerCase(Locale.ROOT);
            if (n.equals("all")) {
                roles.addAll(WHOLE);
            } else if (NAMES.contains(n)) {
                roles.add(Role.valueOf(n.toUpperCase(Locale.ROOT)));
            } else {
                unknown.add(raw);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown role(s) " + unknown + "; roles are " + String.join(", ", NAMES));
        }
        return new NodeRoles(roles);
    }

    /** Whether this node runs every role of the whole server (one process, as without Kafka). */
    public boolean whole() {
        return roles.equals(WHOLE);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        return whole() ? "all" : String.join(",", roles.stream().sorted().map(Role::id).toList());
    }

    /** How a node with these roles takes a subscription of a subscriber group (see {@link RoleBus}). */
    enum Take {
        /** Not at all: another node's role. */
        SKIP,
        /** In the group shared by every node of the role: partitions spread over them. */
        SHARED,
        /** In a group of this node's own: it sees every event (a view, a device's feed). */
        OWN
    }

    /** How a subscriber group is taken on a node that does not run every role. */
    Take take(String group) {
        if (has(Role.STORE)) {
            return Take.SKIP; // a store node stores the topics (StoreNode) and runs nothing else
        }
        if (group.equals("tracker")) {
            return Take.SKIP; // the partitioned worker (SectorTrackers) takes the tracker's place
        }
        if (group.equals("rules")) {
            return Take.SKIP; // a rules worker takes its inputs on one subscription of its own (RulesSectors)
        }
        if (group.equals("response")) {
            return Take.SKIP; // a response worker takes its sector inputs on one subscription (ResponseSectors)
        }
        if (group.equals(ResponseSectors.UNITS_GROUP)) {
            return has(Role.RESPONSE) ? Take.OWN : Take.SKIP;
        }
        if (group.startsWith("live-state") || group.startsWith("web-live") || group.startsWith("partner-feed")
                || group.startsWith("federation")) {
            return has(Role.API) ? Take.OWN : Take.SKIP;
        }
        if (group.startsWith("cot-") || group.equals("simulation") || group.equals("detection-probability")) {
            return has(Role.INGEST) ? Take.OWN : Take.SKIP;
        }
        return Take.OWN;
    }
}
