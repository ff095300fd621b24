package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8LinesTest {
    private static final String[] PIECES = {"a", "{\"time\":1}", "\n", "\r", "\r\n", "\n\n", "é", "€", "𝄞", "\uFFFD",
            " ", "лат"};

    @Test
    void givesTheLinesBufferedReaderGives() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(0, round < 10 ? 40_000 : 200);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            if (round % 7 == 0) {
                text.append("x".repeat(100_000)); // a line longer than the buffer
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(lines(bytes)).as("round %d", round).isEqualTo(readerLines(bytes));
        }
    }

    @Test
    void malformedUtf8IsAnErrorAsForAStrictReader() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("{\"time\":0}\n{\"sensor\":\"".getBytes(StandardCharsets.UTF_8));
        b.write(0xC3); // a lead byte whose continuation never comes
        b.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        Utf8Lines lines = new Utf8Lines(new ByteArrayInputStream(b.toByteArray()));
        assertThat(lines.readLine()).isEqualTo("{\"time\":0}");
        assertThatThrownBy(lines::readLine).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> readerLines(b.toByteArray())).isInstanceOf(MalformedInputException.class);
    }

    private static List<String> lines(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (Utf8Lines r = new Utf8Lines(new ByteArrayInputStream(bytes))) {
            for (String l; (l = r.readLine()) != null; ) {
                out.add(l);
            }
        }
        return out;
    }

    private static List<String> readerLines(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8.newDecoder()))) {
            for (String l; (l = r.readLine()) != null; ) {
                out.add(l);
            }
        }
        return out;
    }
}
