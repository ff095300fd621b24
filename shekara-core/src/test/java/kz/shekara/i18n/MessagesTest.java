package kz.shekara.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The catalogue is complete in every language, and a template reads with its named arguments. */
class MessagesTest {

    @Test
    void everyLanguageHasEveryKeyWithTheSameArguments() {
        Set<String> keys = new TreeSet<>();
        Messages.LANGUAGES.forEach(l -> keys.addAll(Messages.of(l).all().keySet()));
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            Set<String> english = null;
            for (String l : Messages.LANGUAGES) {
                String text = Messages.of(l).all().get(key);
                if (text == null || text.isBlank()) {
                    problems.add(l + ": no text for " + key);
                    continue;
                }
                Set<String> args = new TreeSet<>(Messages.arguments(text));
                if (english == null) {
                    english = args;
                } else if (!english.equals(args)) {
                    problems.add(l + ": " + key + " takes " + args + ", " + Messages.LANGUAGES.get(0) + " " + english);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(keys).hasSizeGreaterThan(300);
    }

    @Test
    void kazakhTextsAreInCyrillicWithTheLettersRussianDoesNotHave() {
        assertThat(String.join(" ", Messages.of("kk").all().values())).containsPattern("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]");
        assertThat(Messages.of("kk").text("app.title")).isEqualTo("Шекара — бірыңғай жедел жағдай");
    }

    @Test
    void fillsNamedArgumentsOnceAndLeavesOtherBracesAlone() {
        Messages en = Messages.of("en");
        assertThat(en.format("alertText.unitEmergency", Map.of("cotType", "b-a-o-tbl", "callsign", "{callsign}")))
                .isEqualTo("emergency (b-a-o-tbl) from {callsign}");
        assertThat(Messages.arguments("{a} and {b}, {a} again; { not } {}")).containsExactly("a", "b");
        assertThatThrownBy(() -> en.format("alertText.unitEmergency", Map.of("cotType", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callsign");
    }

    @Test
    void anUnknownLanguageReadsAsEnglishAndAnUnknownKeyIsAnError() {
        assertThat(Messages.of("de").language()).isEqualTo("en");
        assertThat(Messages.of(null).language()).isEqualTo("en");
        assertThat(Messages.of(" RU ").language()).isEqualTo("ru");
        assertThat(Messages.of("ru").text("chat.send")).isEqualTo("Отправить");
        assertThatThrownBy(() -> Messages.of("kk").text("no.such.key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.key");
    }
}
