package kz.shekara.server.cli;

import java.nio.file.Path;
import kz.shekara.server.theatre.TheatreException;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import picocli.CommandLine.Option;

/**
 * The {@code --theatre DIR} option, as a picocli mixin ({@code @Mixin TheatreOption theatre;}): the
 * theatre folder to load, or the default theatre packaged with the server when it is not given.
 * Not thread-safe (picocli fills it while parsing); {@link #load()} reads the files on each call.
 */
public final class TheatreOption {
    @Option(names = "--theatre", paramLabel = "DIR",
            description = "Theatre folder (theatre.yaml, zones, sensors, units, bases, agencies); "
                    + "default: the built-in southern Kazakhstan and Aktau theatre.")
    private Path dir;

    /** The folder given on the command line, or null for the default theatre. */
    public Path dir() {
        return dir;
    }

    /** Loads the theatre in the given folder, or the default one; every problem is in the exception. */
    public Theatre load() throws TheatreException {
        return dir == null ? TheatreLoader.loadDefault() : TheatreLoader.load(dir);
    }
}
