package kz.shekara.server;

import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.theatre.Theatre;

/**
 * One node of a Shekara cluster on Apache Kafka: the whole server (every role, as one process runs it
 * today) with its events delivered over a {@link KafkaBus} instead of the in-process bus, so its
 * tracker, rules and responder take their inputs from the topics (where {@code shekara publish} or other
 * nodes put them) and their outputs go back there. The event log and its views stay as in one process.
 * Roles that run apart ({@code tracker}, {@code rules}, …) are not built yet: only {@code all}.
 */
public final class KafkaNode {
    /** The roles a node can take; {@code all} is every one of them in this process. */
    public static final Set<String> ROLES = Set.of("all");

    private KafkaNode() {
    }

    /**
     * Starts a server whose bus is the Kafka cluster at {@code bootstrap} (topics made with
     * {@code partitions} partitions when missing); IllegalArgumentException for a role not built.
     */
    public static ShekaraServer start(ShekaraConfig config, Theatre theatre, Clock clock, String bootstrap,
                                      int partitions, Set<String> roles) throws IOException {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("role '" + role + "' cannot run apart yet; use --roles all "
                        + "(see docs/kafka.md)");
            }
        }
        KafkaBus bus = new KafkaBus(KafkaBusConfig.of(bootstrap).withPartitions(partitions));
        try {
            return ShekaraServer.start(config, theatre, clock, null, bus);
        } catch (IOException | RuntimeException e) {
            bus.close();
            throw e;
        }
    }
}
