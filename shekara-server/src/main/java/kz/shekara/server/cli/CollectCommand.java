package kz.shekara.server.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import kz.shekara.model.Alert;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.adapter.jsonl.JsonlCodec;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.TopicReader;
import kz.shekara.server.kafka.TrackerBacklog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shekara collect}: reads the output topics (tracks, alerts, incidents) from their start
 * and writes tracks.jsonl, alerts.jsonl and incidents.jsonl in the format {@code process} writes,
 * each in event-time order (ties: partition, then offset), once nothing new has come for the idle
 * time and the tracker workers have taken every observations record ({@link TrackerBacklog}: detections held
 * back by a worker are not yet taken, though its lag reads 0); an event read twice (an alert: its id) is
 * written once. A record that is not an event is
 * reported and skipped.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Write tracks, alerts and incidents from the Kafka topics as process writes them; stop when idle.")
public final class CollectCommand implements Callable<Integer> {
    @Mixin
    KafkaClusterOption cluster;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the files into.")
    Path out;

    @Option(names = "--idle", defaultValue = "10s", converter = DurationConverter.class,
            description = "Stop once nothing new has come for this long (default ${DEFAULT-VALUE}).")
    Duration idle;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", converter = InstantConverter.class,
            description = "Event time written as time 0, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Instant start;

    @Mixin
    TheatreOption theatre;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!cluster.answers(spec.commandLine().getErr())) {
            return KafkaClusterOption.NO_BROKER;
        }
        Files.createDirectories(out);
        List<Topic<?>> topics = List.of(Topic.TRACKS, Topic.ALERTS, Topic.INCIDENTS);
        List<TopicReader.Read> read;
        long[] left = {-1};
        try (TrackerBacklog backlog = new TrackerBacklog(cluster.bootstrap, cluster.topicPrefix + Topic.OBSERVATIONS.name())) {
            read = TopicReader.readAll(cluster.bootstrap, cluster.topicPrefix, topics, idle, () -> {
                try {
                    return left[0] = backlog.notTaken();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return left[0] = -1;
                }
            }, idle.multipliedBy(5), bad -> spec.commandLine().getErr().println("shekara: skipped " + bad));
        }
        if (left[0] > 0) {
            spec.commandLine().getErr().printf("shekara: the trackers had still %d observations records not taken "
                    + "(no progress for %s): the output may be incomplete%n", left[0], idle.multipliedBy(6));
        }
        JsonlCodec codec = new JsonlCodec(start, true, theatre.load().defaultMarking());
        OutputLines lines = new OutputLines(start);
        long tracks = write(read, TrackUpdate.class, ProcessCommand.TRACKS, codec::encodeTrack);
        long alerts = write(read, Alert.class, ProcessCommand.ALERTS, lines::alert);
        long incidents = write(read, IncidentEvent.class, ProcessCommand.INCIDENTS, lines::incident);
        spec.commandLine().getOut().printf("%d track updates, %d alerts, %d incident events in %s%n",
                tracks, alerts, incidents, out);
        return 0;
    }

    private <E extends DomainEvent> long write(List<TopicReader.Read> read, Class<E> type, String file,
                                               Function<E, String> line) throws java.io.IOException {
        // A worker that took over a partition sends again what its predecessor sent after its last commit:
        // the same event twice is written once (an alert by its id).
        java.util.Set<Object> seen = new java.util.HashSet<>();
        List<TopicReader.Read> mine = new ArrayList<>(read.stream().filter(r -> type.isInstance(r.event()))
                .filter(r -> seen.add(r.event() instanceof Alert a ? a.id() : r.event())).toList());
        mine.sort(Comparator.comparing((TopicReader.Read r) -> r.event().time())
                .thenComparingInt(TopicReader.Read::partition).thenComparingLong(TopicReader.Read::offset));
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve(file), StandardCharsets.UTF_8)) {
            for (TopicReader.Read r : mine) {
                w.write(line.apply(type.cast(r.event())));
                w.write('\n');
            }
        }
        return mine.size();
    }
}
