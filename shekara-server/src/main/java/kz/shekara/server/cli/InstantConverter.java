package kz.shekara.server.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads an ISO-8601 instant flag such as {@code 2026-01-01T00:00:00Z}. Stateless and thread-safe. */
public final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not an ISO-8601 instant (example: 2026-01-01T00:00:00Z)");
        }
    }
}
