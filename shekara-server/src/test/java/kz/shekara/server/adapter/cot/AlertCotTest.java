package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import kz.shekara.model.Alert;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AlertCotTest {

    @Test
    void encodesACrossingAlertAsAMarkerWithRemarks() throws Exception {
        Alert a = new Alert(Instant.parse("2026-03-01T06:01:30Z"), "AL-1", RuleKind.BORDER_CROSSING, Severity.HIGH,
                "uz-02", "border-uz-02", "T-7", null, null, 41.5, 69.25, new TreeSet<>(List.of("radar-uz-02")),
                "inbound crossing in sector uz-02 <at dawn>", Marking.of(Classification.RESTRICTED, "kz-bs", List.of()));
        String xml = AlertCot.toXml(a);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element event = d.getDocumentElement();
        assertThat(event.getAttribute("uid")).isEqualTo("shekara-alert-AL-1");
        assertThat(event.getAttribute("type")).isEqualTo("a-u-G");
        assertThat(event.getAttribute("stale")).startsWith("2026-03-01T07:01:30");
        Element point = (Element) event.getElementsByTagName("point").item(0);
        assertThat(Double.parseDouble(point.getAttribute("lat"))).isEqualTo(41.5);
        assertThat(Double.parseDouble(point.getAttribute("lon"))).isEqualTo(69.25);
        assertThat(((Element) event.getElementsByTagName("contact").item(0)).getAttribute("callsign"))
                .isEqualTo("ALERT BORDER-CROSSING HIGH");
        assertThat(event.getElementsByTagName("remarks").item(0).getTextContent())
                .isEqualTo("border-crossing (high) track T-7 at border-uz-02: inbound crossing in sector uz-02 <at dawn>");
    }
}
