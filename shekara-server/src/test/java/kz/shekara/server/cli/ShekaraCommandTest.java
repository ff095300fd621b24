package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line built for a {@code track} run alone answers as the whole command line does. */
class ShekaraCommandTest {
    @TempDir
    Path tmp;

    private static void sameAnswer(String... args) {
        TrackCommandTest.Run whole = TrackCommandTest.run(ShekaraCommand.commandLine(), args);
        TrackCommandTest.Run trackOnly = TrackCommandTest.run(ShekaraCommand.commandLineFor(args), args);
        assertThat(trackOnly).isEqualTo(whole);
    }

    @Test
    void aTrackRunBuildsTheTrackSubcommandOnly() {
        CommandLine cl = ShekaraCommand.commandLineFor("track", "--help");
        assertThat(cl.getSubcommands()).containsOnlyKeys("track");
        assertThat(cl.getSubcommands().get("track").getCommandSpec().qualifiedName()).isEqualTo("shekara track");
        assertThat(ShekaraCommand.commandLineFor("simulate", "--help").getSubcommands()).containsKeys("track",
                "simulate", "serve");
        assertThat(ShekaraCommand.commandLineFor().getSubcommands()).containsKey("serve");
    }

    @Test
    void helpBadFlagsAndFailuresOfATrackRunAreThoseOfTheWholeCommandLine() throws Exception {
        sameAnswer("track", "--help");
        sameAnswer("track", "--in", "x.jsonl");
        sameAnswer("track", "--in", "a", "--out", "b", "--bogus");
        sameAnswer("track", "--in", tmp.resolve("missing.jsonl").toString(), "--out", tmp.resolve("o.jsonl").toString());
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"time\":0,\"sensor\":\"r\",\"lat\":91,\"lon\":69,\"sigma_m\":10}\n");
        TrackCommandTest.Run bad = TrackCommandTest.run(ShekaraCommand.commandLineFor("track"), "track", "--in", in.toString(), "--out",
                tmp.resolve("o.jsonl").toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains(":1: lat-out-of-range");
        sameAnswer("track", "--in", in.toString(), "--out", tmp.resolve("o.jsonl").toString());
    }
}
