package kz.shekara.server.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.KafkaTopics;
import kz.shekara.server.kafka.ReplayWatermarks;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.source.JsonlReplaySource;
import kz.shekara.server.source.ReplayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shekara publish}: a recording (detections and heartbeats, and unit positions) into the Kafka
 * topics, in time order, keyed by sector as the server's replay keys them, as fast as the cluster takes
 * it. Bad lines are reported and skipped. An observations partition with nothing for a while, and every
 * partition at the end, gets a watermark (the time reached: {@link ReplayWatermarks}), so the trackers do
 * not wait for a partition with nothing to read.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish a JSONL recording (detections, unit positions) into the Kafka topics, as fast as possible.")
public final class PublishCommand implements Callable<Integer> {
    @Mixin
    KafkaClusterOption cluster;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Detections, JSONL.")
    Path in;

    @Option(names = "--units", paramLabel = "FILE", description = "Unit positions, JSONL.")
    Path units;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", converter = InstantConverter.class,
            description = "Event time of time 0 in the files, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Instant start;

    @Option(names = "--partitions", defaultValue = "12", paramLabel = "N",
            description = "Partitions of a topic that does not exist yet (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--watermark-every", defaultValue = "1s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Event time an observations partition may go without a record before it gets a watermark "
                    + "(the time the recording has reached; every partition gets one at the end) (default ${DEFAULT-VALUE}).")
    Duration watermarkEvery;

    @Mixin
    TheatreOption theatre;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!cluster.answers(spec.commandLine().getErr())) {
            return KafkaClusterOption.NO_BROKER;
        }
        ReplayConfig replay = ReplayConfig.of(in).withUnits(units).withEpoch(start).withSpeed(Double.POSITIVE_INFINITY);
        JsonlReplaySource.Summary summary;
        ReplayWatermarks marks;
        KafkaBusConfig config = KafkaBusConfig.of(cluster.bootstrap).withPartitions(partitions)
                .withTopicPrefix(cluster.topicPrefix);
        int observations = KafkaTopics.partitionsOf(cluster.bootstrap, config.topicPrefix() + Topic.OBSERVATIONS.name(),
                partitions);
        try (KafkaBus bus = new KafkaBus(config);
             JsonlReplaySource source = new JsonlReplaySource(replay, theatre.load(),
                     marks = new ReplayWatermarks(bus, observations, watermarkEvery), new SimpleMeterRegistry(),
                     Clock.systemUTC())) {
            source.start();
            summary = source.completion().get();
            marks.end();
            source.rejections().forEach(r -> spec.commandLine().getErr().println(r.file() + ":" + r.line() + ": " + r.message()));
            bus.drain();
            if (bus.sendFailures() > 0) {
                spec.commandLine().getErr().println("shekara: " + bus.sendFailures() + " events not stored on Kafka");
                return 1;
            }
        }
        spec.commandLine().getOut().printf("%d detections, %d heartbeats, %d unit positions published to %s (%d lines rejected)%n",
                summary.detections(), summary.heartbeats(), summary.units(), cluster.bootstrap, summary.rejected());
        return 0;
    }
}
