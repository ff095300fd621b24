package kz.shekara.server.review;

import static kz.shekara.server.review.ReviewFixture.at;
import static kz.shekara.server.review.ReviewFixture.t1Lat;
import static kz.shekara.server.review.ReviewFixture.t1Lon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import kz.shekara.model.AlertState;
import kz.shekara.model.Classification;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.server.view.TrackView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The review's reads of the event log, run against every store (SQLite and PostgreSQL subclasses). */
abstract class LogPicturesContract {
    EventLog log;
    LogPictures pictures;

    /** A new, empty, migrated log. */
    abstract EventLog openEmptyLog() throws Exception;

    @BeforeEach
    void fill() throws Exception {
        log = openEmptyLog();
        ReviewFixture.writeTo(log);
        pictures = new LogPictures(log);
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void pictureShowsTracksUnitsAlertsAndIncidentsAsOfTheAskedTime() {
        Picture p = pictures.at(at(120), LogPictures.DEFAULT_WINDOW);
        assertThat(p.at()).isEqualTo(at(120));
        assertThat(p.tracks()).extracting(t -> t.latest().track()).containsExactly("T-1", "T-2");
        TrackView t1 = p.tracks().get(0);
        assertThat(t1.latest().time()).isEqualTo(at(120));
        assertThat(t1.latest().lat()).isEqualTo(t1Lat(4));
        assertThat(t1.latest().lon()).isEqualTo(t1Lon(4));
        assertThat(t1.trail()).hasSize(5);
        UnitPosition unit = p.units().get(0);
        assertThat(unit.time()).isEqualTo(at(120));
        assertThat(unit.status()).isEqualTo(UnitStatus.EN_ROUTE);
        assertThat(p.alerts()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED));
        assertThat(p.incidents()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(IncidentStatus.ASSIGNED);
            assertThat(i.unit()).isEqualTo("GP-UZ01");
        });
    }

    @Test
    void pictureBeforeTheIncidentHasNoAlertAndTheTrackWhereItWasThen() {
        Picture p = pictures.at(at(45), LogPictures.DEFAULT_WINDOW);
        assertThat(p.alerts()).isEmpty();
        assertThat(p.incidents()).isEmpty();
        TrackUpdate t1 = p.tracks().get(0).latest();
        assertThat(t1.time()).isEqualTo(at(30));
        assertThat(t1.lat()).isEqualTo(t1Lat(1));
    }

    @Test
    void pictureAfterTheIncidentShowsItClosedAndDropsTracksThatTimedOut() {
        Picture p = pictures.at(at(300), LogPictures.DEFAULT_WINDOW);
        assertThat(p.tracks()).extracting(t -> t.latest().track()).containsExactly("T-1");
        assertThat(p.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.CLOSED);
            assertThat(a.closedBy()).isEqualTo("op-1");
        });
        assertThat(p.incidents().get(0).status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void aTrackTheTrackerEndedLeavesThePictureAtItsEndAndItsPathInTheIncidentFileEndsThere() {
        log.append(List.of(ended(ReviewFixture.track("T-2", 90, 41.30, 68.903)),
                ended(ReviewFixture.track("T-1", 310, t1Lat(10), t1Lon(10)))));
        pictures = new LogPictures(log);

        assertThat(pictures.at(at(75), LogPictures.DEFAULT_WINDOW).tracks()).extracting(t -> t.latest().track())
                .containsExactly("T-1", "T-2");
        // At 120 s T-2 is within the track timeout of its last position (60 s): only its end takes it out.
        Picture p = pictures.at(at(120), LogPictures.DEFAULT_WINDOW);
        assertThat(p.tracks()).extracting(t -> t.latest().track()).containsExactly("T-1");
        assertThat(pictures.at(at(310), LogPictures.DEFAULT_WINDOW).tracks()).isEmpty();

        IncidentFile f = pictures.incident("INC-1").orElseThrow();
        assertThat(f.tracks().get("T-1")).hasSize(12);
        assertThat(f.tracks().get("T-1").getLast().status()).isEqualTo(TrackStatus.DELETED);
        assertThat(f.tracks().get("T-1").getLast().time()).isEqualTo(at(310));
    }

    private static LogEntry ended(TrackUpdate u) {
        return new LogEntry(Topic.TRACKS.name(), ReviewFixture.SECTOR, new TrackUpdate(u.time(), u.track(), u.sector(),
                u.lat(), u.lon(), u.vnMps(), u.veMps(), u.covEE(), u.covEN(), u.covNN(), TrackStatus.DELETED,
                u.targetClass(), u.sensors(), u.marking()));
    }

    @Test
    void windowLimitsHowFarBackThePictureIsFolded() {
        Picture p = pictures.at(at(300), Duration.ofSeconds(60));
        assertThat(p.from()).isEqualTo(at(240));
        assertThat(p.alerts()).isEmpty();
        assertThat(p.units()).singleElement().satisfies(u -> assertThat(u.time()).isEqualTo(at(300)));
        assertThatThrownBy(() -> pictures.at(at(300), Duration.ofDays(3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void incidentPictureIsFoldedFromBeforeTheIncidentOpened() {
        Picture p = pictures.incidentPicture("INC-1", at(260)).orElseThrow();
        assertThat(p.incidents().get(0).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(pictures.incidentPicture("INC-404", at(260))).isEmpty();
    }

    @Test
    void incidentFileHoldsTimelineAlertLifecycleTrackPathUnitPositionsAndTheStrictestMarking() {
        IncidentFile f = pictures.incident("INC-1").orElseThrow();
        assertThat(f.from()).isEqualTo(at(60));
        assertThat(f.to()).isEqualTo(at(250));
        assertThat(f.incident().timeline()).extracting(e -> e.status())
                .containsExactly(IncidentStatus.OPEN, IncidentStatus.ASSIGNED, IncidentStatus.RESOLVED);
        assertThat(f.incident().tracks()).containsExactly("T-1");
        assertThat(f.alerts()).singleElement().satisfies(a -> {
            assertThat(a.alert().state()).isEqualTo(AlertState.CLOSED);
            assertThat(a.changes()).extracting(c -> c.state()).containsExactly(AlertState.ACKNOWLEDGED, AlertState.CLOSED);
        });
        assertThat(f.tracks().keySet()).containsExactly("T-1");
        assertThat(f.tracks().get("T-1")).hasSize(11);
        assertThat(f.tracks().get("T-1").get(10).lat()).isEqualTo(t1Lat(10));
        assertThat(f.units().keySet()).containsExactly("GP-UZ01");
        assertThat(f.units().get("GP-UZ01")).extracting(UnitPosition::time)
                .containsExactly(at(0), at(60), at(120), at(180), at(240));
        assertThat(f.marking().classification()).isEqualTo(Classification.CONFIDENTIAL);
        assertThat(pictures.incident("INC-404")).isEmpty();
    }

    @Test
    void readTimeRangeOfSomeTopicsGivesExactlyThoseEventsInLogOrder() {
        java.util.Set<String> topics = java.util.Set.of(Topic.ALERTS.name(), Topic.UNIT_POSITIONS.name());
        List<StoredEvent> all;
        try (Stream<StoredEvent> s = log.readTimeRange(at(0), at(200))) {
            all = s.filter(e -> topics.contains(e.topic())).toList();
        }
        try (Stream<StoredEvent> s = log.readTimeRange(at(0), at(200), topics)) {
            assertThat(s.toList()).isEqualTo(all).hasSize(5);
        }
        try (Stream<StoredEvent> s = log.readTimeRange(at(0), at(200), java.util.Set.of())) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void readEntityGivesOneEntityOfOneTopicInLogOrder() {
        try (Stream<StoredEvent> s = log.readEntity(Topic.TRACKS.name(), "T-2")) {
            List<StoredEvent> events = s.toList();
            assertThat(events).hasSize(3).allSatisfy(e -> assertThat(((TrackUpdate) e.event()).track()).isEqualTo("T-2"));
            assertThat(events).extracting(StoredEvent::seq).isSorted();
        }
        try (Stream<StoredEvent> s = log.readEntity(Topic.ALERTS.name(), "T-2")) {
            assertThat(s).isEmpty();
        }
    }
}
