package kz.shekara.server.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertFacts;

/**
 * How an alert's {@link AlertFacts} are stored: an object whose {@code "code"} names the kind of
 * finding (tags are stored data and must never change), omitted altogether on an alert without facts,
 * so alerts logged before facts were kept read back as they were and encode to the same bytes.
 */
final class AlertFactsJson {
    private AlertFactsJson() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "code")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = AlertFacts.Crossing.class, name = "crossing"),
            @JsonSubTypes.Type(value = AlertFacts.InsideBuffer.class, name = "inside-buffer"),
            @JsonSubTypes.Type(value = AlertFacts.PredictedApproach.class, name = "predicted-approach"),
            @JsonSubTypes.Type(value = AlertFacts.Loitering.class, name = "loitering"),
            @JsonSubTypes.Type(value = AlertFacts.ClassSpeed.class, name = "class-speed"),
            @JsonSubTypes.Type(value = AlertFacts.SiteClosing.class, name = "site-closing"),
            @JsonSubTypes.Type(value = AlertFacts.SensorAlarm.class, name = "sensor-alarm"),
            @JsonSubTypes.Type(value = AlertFacts.SensorSilent.class, name = "sensor-silent"),
            @JsonSubTypes.Type(value = AlertFacts.UnitEmergency.class, name = "unit-emergency"),
            @JsonSubTypes.Type(value = AlertFacts.SectorVoid.class, name = "sector-void")})
    interface FactsMixin {
    }

    interface AlertMixin {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        AlertFacts facts();
    }

    /** A sensor's names by language, left out when the theatre gives none, so such facts keep their bytes. */
    interface SensorNamesMixin {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> sensorNames();
    }

    /** Registers the mixins on a mapper being built. */
    static JsonMapper.Builder register(JsonMapper.Builder b) {
        return b.addMixIn(AlertFacts.class, FactsMixin.class).addMixIn(Alert.class, AlertMixin.class)
                .addMixIn(AlertFacts.SensorAlarm.class, SensorNamesMixin.class)
                .addMixIn(AlertFacts.SensorSilent.class, SensorNamesMixin.class);
    }
}
