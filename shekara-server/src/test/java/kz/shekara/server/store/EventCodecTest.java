package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = EventCodec.standard();

    @Test
    void encodesEveryFixtureEventToTheSameBytesItWasReadFrom() {
        for (EventFixtures.Line line : EventFixtures.everyEventType()) {
            DomainEvent e = codec.decode(line.type(), line.eventJson());
            assertThat(codec.typeOf(e).tag()).isEqualTo(line.type());
            assertThat(codec.encode(e)).isEqualTo(line.eventJson());
            assertThat(codec.decode(line.type(), codec.encode(e))).isEqualTo(e);
        }
    }

    @Test
    void fixtureCoversEveryRegisteredType() {
        Set<String> inFixture = EventFixtures.everyEventType().stream().map(EventFixtures.Line::type).collect(Collectors.toSet());
        Set<String> registered = EventTypes.ALL.stream().map(EventType::tag).collect(Collectors.toSet());
        assertThat(inFixture).isEqualTo(registered);
    }

    @Test
    void fixtureCoversEveryTrackStatusIncludingTheLiveTrackersEnd() {
        Set<kz.shekara.model.TrackStatus> inFixture = EventFixtures.everyEventType().stream()
                .filter(l -> l.type().equals("track-update"))
                .map(l -> ((kz.shekara.model.TrackUpdate) codec.decode(l.type(), l.eventJson())).status())
                .collect(Collectors.toSet());
        assertThat(inFixture).containsExactlyInAnyOrder(kz.shekara.model.TrackStatus.values());
    }

    @Test
    void rejectsUnknownTagsFieldsAndUnregisteredTypes() {
        assertThatThrownBy(() -> codec.decode("no-such-type", "{}")).hasMessageContaining("unknown event type tag");
        String detection = EventFixtures.everyEventType().get(0).eventJson();
        assertThatThrownBy(() -> codec.decode("detection", detection.replace("\"sensor\"", "\"sensr\"")))
                .isInstanceOf(IllegalArgumentException.class);
        record Stray(Instant time, Marking marking) implements DomainEvent {
        }
        assertThatThrownBy(() -> codec.encode(new Stray(Instant.EPOCH, EventFixtures.MARKING)))
                .hasMessageContaining("not registered");
    }

    @Test
    void refusesToRegisterATagTwice() {
        assertThatThrownBy(() -> new EventCodec(List.of(EventTypes.ALL.get(0), EventTypes.ALL.get(0))))
                .hasMessageContaining("registered twice");
    }
}
