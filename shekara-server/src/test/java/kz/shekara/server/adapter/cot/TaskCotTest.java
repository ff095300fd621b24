package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.server.response.MiniTheatre;
import org.junit.jupiter.api.Test;

/** A task's CoT, written by the encoder and read back by the decoder as a TAK device would. */
class TaskCotTest {
    private static final Instant T = Instant.parse("2026-03-01T06:10:00Z");
    private final TaskCot cot = new TaskCot("shekara-ops", "Shekara Ops");
    private final CotEncoder encoder = new CotEncoder();
    private final CotDecoder decoder = new CotDecoder(65_536);
    private final Task task = new Task(T, "I-1.GP-W", "I-1", "GP-W", TaskStatus.DISPATCHED, "T-1", 41.52, 69.25,
            754, "duty", "Shekara 11: <go> & \"see\"", MiniTheatre.MARKING);

    private CotEvent roundTrip(CotEvent e) throws Exception {
        return decoder.decode(encoder.encode(e));
    }

    @Test
    void waypointIsAddressedToTheUnitAndLinkedToTheTrack() throws Exception {
        CotEvent w = roundTrip(cot.waypoint(task));
        assertThat(w.uid()).isEqualTo("shekara-task-I-1.GP-W");
        assertThat(w.type()).isEqualTo("b-m-p-w");
        assertThat(w.lat()).isEqualTo(41.52);
        assertThat(w.lon()).isEqualTo(69.25);
        assertThat(w.time()).isEqualTo(T);
        assertThat(w.detail().destUids()).containsExactly("GP-W");
        assertThat(w.detail().parentUid()).isEqualTo("shekara-ops");
        assertThat(w.detail().links()).extracting(CotDetail.CotLink::uid).containsExactly("shekara-ops", "T-1");
        assertThat(w.detail().remarks()).contains("incident I-1", "target T-1", "ETA 13 min");
    }

    @Test
    void orderIsADirectChatFromTheCentreThatTheDecoderReadsBack() throws Exception {
        CotEvent c = roundTrip(cot.chat(task, "Shekara 11"));
        assertThat(c.type()).isEqualTo("b-t-f");
        assertThat(c.detail().remarks()).isEqualTo("Shekara 11: <go> & \"see\"");
        assertThat(c.detail().destUids()).containsExactly("GP-W");
        assertThat(c.detail().chat().chatroom()).isEqualTo("Shekara 11");
        assertThat(c.detail().chat().uid0()).isEqualTo("shekara-ops");
        var message = new CotMapping(java.time.Duration.ofMinutes(2), 50).toDomain(c, null, MiniTheatre.MARKING);
        assertThat(message).isInstanceOf(kz.shekara.model.ChatMessage.class);
        assertThat(((kz.shekara.model.ChatMessage) message).senderUid()).isEqualTo("shekara-ops");
    }

    @Test
    void endedTaskDeletesItsWaypointAndExerciseTasksSayTheyAre() throws Exception {
        CotEvent d = roundTrip(cot.delete(task.next(T, TaskStatus.ENDED, 41.52, 69.25, Double.NaN, "duty", "")));
        assertThat(d.type()).isEqualTo("t-x-d-d");
        assertThat(d.detail().links()).extracting(CotDetail.CotLink::uid).containsExactly("shekara-task-I-1.GP-W");
        Task drill = new Task(T, "I-2.GP-W", "I-2", "GP-W", TaskStatus.DISPATCHED, null, 41.52, 69.25, 60, "duty",
                "go", MiniTheatre.MARKING.asExercise());
        CotEvent w = roundTrip(cot.waypoint(drill));
        assertThat(w.isExercise()).isTrue();
        assertThat(w.detail().remarks()).startsWith("EXERCISE ");
        assertThat(roundTrip(cot.chat(drill, null)).detail().remarks()).isEqualTo("EXERCISE go");
    }
}
