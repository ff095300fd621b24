package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CotFramerTest {
    private static final String A = "<event uid=\"a\"><point/></event>";
    private static final String B = "<event uid=\"b\"><detail/></event>";

    private final List<String> frames = new ArrayList<>();
    private final List<Long> oversized = new ArrayList<>();
    private final List<Long> skipped = new ArrayList<>();
    private final CotFramer.Sink sink = new CotFramer.Sink() {
        @Override
        public void frame(byte[] buf, int off, int len) {
            frames.add(new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void oversized(long discardedBytes) {
            oversized.add(discardedBytes);
        }

        @Override
        public void skipped(long bytes) {
            skipped.add(bytes);
        }
    };

    private static void feed(CotFramer f, String s, CotFramer.Sink sink) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        f.feed(b, 0, b.length, sink);
    }

    @Test
    void splitsBackToBackEventsOnEndTag() {
        CotFramer f = new CotFramer(1024);
        feed(f, A + B + "<event", sink);
        assertThat(frames).containsExactly(A, B);
        assertThat(f.buffered()).isEqualTo("<event".length());
    }

    @Test
    void holdsPartOfAnEventOnlyWhenBytesOtherThanWhitespaceAreLeft() {
        CotFramer f = new CotFramer(1024);
        feed(f, A + "\r\n", sink);
        assertThat(f.buffered()).as("the newline is kept").isPositive();
        assertThat(f.holdsPart()).as("but it is no part of the next event").isFalse();
        feed(f, "<?xml version=\"1.0\"?>", sink);
        assertThat(f.holdsPart()).as("a declaration begins the next one").isTrue();
        feed(f, B + "\n", sink);
        assertThat(frames).containsExactly(A, B);
        assertThat(f.holdsPart()).isFalse();
    }

    @Test
    void reassemblesEventsDeliveredOneByteAtATime() {
        CotFramer f = new CotFramer(1024);
        byte[] all = (A + "\n" + B + "\r\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < all.length; i++) {
            f.feed(all, i, 1, sink);
        }
        assertThat(frames).containsExactly(A, B);
    }

    @Test
    void dropsXmlDeclarationAndWhitespaceBeforeEvent() {
        CotFramer f = new CotFramer(1024);
        feed(f, "\n <?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + A, sink);
        assertThat(frames).containsExactly(A);
    }

    @Test
    void discardsOversizedEventUpToItsEndAndKeepsGoing() {
        CotFramer f = new CotFramer(64);
        String big = "<event uid=\"big\"><detail><remarks>" + "x".repeat(500) + "</remarks></detail></event>";
        feed(f, A, sink);
        for (int i = 0; i < big.length(); i += 37) {
            feed(f, big.substring(i, Math.min(big.length(), i + 37)), sink);
            assertThat(f.buffered()).isLessThanOrEqualTo(64 + 37);
        }
        feed(f, B, sink);
        assertThat(frames).containsExactly(A, B);
        assertThat(oversized).containsExactly((long) big.length());
    }

    @Test
    void reportsOversizedEventArrivingInOneRead() {
        CotFramer f = new CotFramer(40);
        String big = "<event uid=\"big\">" + "y".repeat(100) + "</event>";
        feed(f, big + A, sink);
        assertThat(frames).containsExactly(A);
        assertThat(oversized).containsExactly((long) big.length());
    }

    @Test
    void garbageBeforeAnEventIsSkippedAndCountedNotJoinedToIt() {
        CotFramer f = new CotFramer(1024);
        feed(f, "\u0001\u0002garbage" + A + "junk</event>" + "<event uid=\"cut\"><point " + B, sink);
        assertThat(frames).containsExactly(A, B);
        assertThat(skipped).containsExactly(9L, (long) "junk</event>".length(), (long) "<event uid=\"cut\"><point ".length());
    }

    @Test
    void anEventCutByTheCloseIsReportedAsTruncated() {
        CotFramer f = new CotFramer(1024);
        feed(f, A + "\n  ", sink);
        assertThat(f.truncated()).isZero();
        feed(f, "<event uid=\"c\"><poi", sink);
        assertThat(f.truncated()).isEqualTo("<event uid=\"c\"><poi".length());
    }

    @Test
    void anElementWhoseNameStartsWithEventIsNoEventStart() {
        CotFramer f = new CotFramer(1024);
        String withEventType = "<event uid=\"e\"><detail><eventType/></detail></event>";
        feed(f, withEventType, sink);
        assertThat(frames).containsExactly(withEventType);
        assertThat(skipped).isEmpty();
    }
}
