package kz.shekara.server.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the ISO-8601 instants the codec writes ({@code 2026-03-01T10:00:00.250Z}) without the
 * general formatter, which dominates decoding time on replay; anything else goes to
 * {@link Instant#parse}. Stateless and thread-safe.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    IsoInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Instant) ctx.handleUnexpectedToken(Instant.class, p);
        }
        String s = p.getText();
        try {
            return parse(s);
        } catch (DateTimeException | NumberFormatException e) {
            return (Instant) ctx.handleWeirdStringValue(Instant.class, s, "not an ISO-8601 instant: %s", e.getMessage());
        }
    }

    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || (n > 20 && s.charAt(19) != '.') || n == 21) {
            return Instant.parse(s);
        }
        int year = digits(s, 0, 4);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Instant.parse(s);
        }
        int nanos = 0;
        if (n > 20) {
            nanos = digits(s, 20, n - 1);
            if (nanos < 0) {
                return Instant.parse(s);
            }
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        long day = LocalDate.of(year, digits(s, 5, 7), digits(s, 8, 10)).toEpochDay();
        return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in s[from, to), or -1 when a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
