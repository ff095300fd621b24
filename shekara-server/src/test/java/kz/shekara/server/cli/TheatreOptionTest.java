package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import kz.shekara.server.theatre.TheatreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class TheatreOptionTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        TheatreOption theatre;

        @Override
        public void run() {
        }
    }

    private static Probe parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p;
    }

    @Test
    void loadsTheFolderGivenWithTheatre() throws Exception {
        Path mini = Path.of(getClass().getResource("/kz/shekara/server/theatre/mini/theatre.yaml").toURI()).getParent();
        Probe p = parse("--theatre", mini.toString());
        assertThat(p.theatre.dir()).isEqualTo(mini);
        assertThat(p.theatre.load().name()).isEqualTo("Mini");
    }

    @Test
    void aBrokenFolderFailsWithItsProblems(@TempDir Path empty) {
        assertThatThrownBy(() -> parse("--theatre", empty.toString()).theatre.load())
                .isInstanceOf(TheatreException.class).hasMessageContaining("theatre.yaml: file not found");
    }

    @Test
    void withoutTheOptionTheDefaultTheatreIsUsed() throws TheatreException {
        TheatreOption option = parse().theatre;
        assertThat(option.dir()).isNull();
        assertThat(option.load().name()).isEqualTo("Kazakhstan south and Aktau (default)");
    }
}
