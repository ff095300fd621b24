package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import kz.shekara.i18n.Messages;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.Test;

/** GET /api/v1/i18n serves the catalogue the Java side writes from; the theatre's sensors and bases carry their names. */
class MessagesRouteTest {

    @Test
    void servesEveryLanguageOfTheCatalogueOrOne() throws Exception {
        try (WebHarness web = new WebHarness()) {
            JsonNode all = web.getJson("/api/v1/i18n");
            assertThat(all.at("/languages").toString()).isEqualTo("[\"kk\",\"ru\",\"en\"]");
            for (String l : Messages.LANGUAGES) {
                assertThat(all.at("/messages/" + l).size()).isEqualTo(Messages.of(l).all().size());
            }
            assertThat(all.at("/messages/ru/chat.send").asText()).isEqualTo("Отправить");
            assertThat(all.at("/messages/kk/app.title").asText()).isEqualTo(Messages.of("kk").text("app.title"));
            JsonNode ru = web.getJson("/api/v1/i18n?lang=ru");
            assertThat(ru.at("/languages").toString()).isEqualTo("[\"ru\"]");
            assertThat(ru.at("/messages/en").isMissingNode()).isTrue();
            assertThat(web.getJson("/api/v1/i18n?lang=de").at("/messages/en/chat.send").asText()).isEqualTo("Send");
        }
    }

    @Test
    void sensorsAndBasesOfTheDefaultTheatreComeWithTheirKazakhAndRussianNames() throws Exception {
        try (WebHarness web = new WebHarness(TheatreLoader.loadDefault(), Clock.systemUTC())) {
            JsonNode sensor = feature(web.getJson("/api/v1/sensors"), "ugs-uz-01-1");
            assertThat(sensor.at("/properties/name").asText()).isEqualTo("Ground sensor Ugam 1");
            assertThat(sensor.at("/properties/names/ru").asText()).isEqualTo("Сейсмодатчик Угам 1");
            assertThat(sensor.at("/properties/names/kk").asText()).isEqualTo("Өгем жер датчигі 1");
            JsonNode base = feature(web.getJson("/api/v1/bases"), "aktau-air");
            assertThat(base.at("/properties/names/kk").asText()).isEqualTo("Ақтау әуежайы тікұшақ базасы");
        }
    }

    private static JsonNode feature(JsonNode collection, String id) {
        for (JsonNode f : collection.get("features")) {
            if (id.equals(f.at("/properties/id").asText())) {
                return f;
            }
        }
        throw new AssertionError("no feature " + id);
    }
}
