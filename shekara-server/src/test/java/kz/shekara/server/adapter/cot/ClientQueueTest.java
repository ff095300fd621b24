package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientQueueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(ClientQueue q) throws InterruptedException {
        List<byte[]> out = new ArrayList<>();
        q.drainTo(out);
        return out.stream().map(x -> new String(x, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void drainQueuedTakesWhatIsQueuedInOrderWithoutWaiting() {
        ClientQueue q = new ClientQueue(10);
        List<byte[]> out = new ArrayList<>();
        q.drainQueued(out);
        assertThat(out).isEmpty();
        q.offer(b("p1@t1"), "p1");
        q.offer(b("chat"), null);
        q.drainQueued(out);
        q.offer(b("p1@t2"), "p1");
        q.drainQueued(out);
        assertThat(out).extracting(x -> new String(x, StandardCharsets.UTF_8)).containsExactly("p1@t1", "chat", "p1@t2");
        assertThat(q.size()).isZero();
    }

    @Test
    void queuesEveryPositionWhileThereIsRoom() throws InterruptedException {
        ClientQueue q = new ClientQueue(10);
        assertThat(q.offer(b("p1@t1"), "p1")).isEqualTo(ClientQueue.Offer.QUEUED);
        assertThat(q.offer(b("chat"), null)).isEqualTo(ClientQueue.Offer.QUEUED);
        assertThat(q.offer(b("p1@t2"), "p1")).isEqualTo(ClientQueue.Offer.QUEUED);
        assertThat(drain(q)).containsExactly("p1@t1", "chat", "p1@t2");
    }

    @Test
    void fullQueueSupersedesTheNewestQueuedPositionOfTheObjectAndRefusesNewEvents() throws InterruptedException {
        ClientQueue q = new ClientQueue(3);
        q.offer(b("p1@t1"), "p1");
        q.offer(b("p2@t1"), "p2");
        q.offer(b("p1@t2"), "p1");
        assertThat(q.offer(b("p1@t3"), "p1")).isEqualTo(ClientQueue.Offer.SUPERSEDED);
        assertThat(q.offer(b("p2@t2"), "p2")).isEqualTo(ClientQueue.Offer.SUPERSEDED);
        assertThat(q.offer(b("chat"), null)).isEqualTo(ClientQueue.Offer.FULL);
        assertThat(q.offer(b("p3@t1"), "p3")).isEqualTo(ClientQueue.Offer.FULL);
        assertThat(drain(q)).containsExactly("p1@t1", "p2@t2", "p1@t3");
    }

    @Test
    void drainedPositionIsNoLongerSuperseded() throws InterruptedException {
        ClientQueue q = new ClientQueue(1);
        q.offer(b("p1@t1"), "p1");
        assertThat(drain(q)).containsExactly("p1@t1");
        q.offer(b("p2@t1"), "p2");
        assertThat(q.offer(b("p1@t2"), "p1")).as("p1's slot has gone with the drain").isEqualTo(ClientQueue.Offer.FULL);
        assertThat(drain(q)).containsExactly("p2@t1");
    }

    @Test
    void queueFilledAgainAfterADrainSupersedesOnlyWhatIsQueuedNow() throws InterruptedException {
        ClientQueue q = new ClientQueue(2);
        q.offer(b("p1@t1"), "p1");
        q.offer(b("p2@t1"), "p2");
        assertThat(q.offer(b("p1@t2"), "p1")).isEqualTo(ClientQueue.Offer.SUPERSEDED);
        assertThat(drain(q)).containsExactly("p1@t2", "p2@t1");
        q.offer(b("p2@t2"), "p2");
        q.offer(b("p2@t3"), "p2");
        assertThat(q.offer(b("p1@t3"), "p1")).as("p1's slot went with the drain").isEqualTo(ClientQueue.Offer.FULL);
        assertThat(q.offer(b("p2@t4"), "p2")).isEqualTo(ClientQueue.Offer.SUPERSEDED);
        assertThat(drain(q)).as("the newest queued p2 is replaced").containsExactly("p2@t2", "p2@t4");
    }

    @Test
    void closedQueueHandsOutWhatIsQueuedThenEnds() throws InterruptedException {
        ClientQueue q = new ClientQueue(2);
        q.offer(b("last"), null);
        q.close();
        assertThat(q.offer(b("late"), null)).isEqualTo(ClientQueue.Offer.CLOSED);
        assertThat(drain(q)).containsExactly("last");
        assertThat(q.drainTo(new ArrayList<>())).isFalse();
    }
}
