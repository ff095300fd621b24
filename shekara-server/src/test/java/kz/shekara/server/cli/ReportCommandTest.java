package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import kz.shekara.incident.ResponseFixtures;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.Classification;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Marking;
import kz.shekara.server.store.ResponseLogs;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * The report over a real SQLite event log holding four incidents with hand-worked response times on
 * the default theatre: the page parses as XML, carries those numbers in its tables and plots, draws
 * the theatre and the incidents, needs nothing from outside, and is the same bytes each time.
 */
class ReportCommandTest {
    private static final String FROM = "2026-03-02T00:00:00Z";
    private static final String TO = "2026-03-03T00:00:00Z";

    @TempDir
    Path dir;
    private Theatre theatre;
    private ResponseFixtures.Cast cast;
    private final StringWriter err = new StringWriter();
    private kz.shekara.theatre.Zone sectorZone;

    @BeforeEach
    void writeLog() throws Exception {
        theatre = TheatreLoader.loadDefault();
        Sector a = theatre.sectors().get(0);
        Sector b = theatre.sectors().get(1);
        String ground = theatre.units().stream().filter(u -> u.kind() == UnitKind.GROUND_VEHICLE).map(Unit::id)
                .findFirst().orElseThrow();
        String heli = theatre.units().stream().filter(u -> u.kind() == UnitKind.HELICOPTER).map(Unit::id)
                .findFirst().orElseThrow();
        cast = new ResponseFixtures.Cast(a.id(), a.originLat(), a.originLon(), b.id(), b.originLat(), b.originLon(),
                ground, heli);
        // The border crossing (AL-3) carries its facts, as the rules raise it now; the other alerts are as logged before.
        sectorZone = theatre.zones(ZoneKind.SECTOR).stream().filter(z -> a.id().equals(z.sector())).findFirst().orElseThrow();
        ResponseLogs.write(dir.resolve("data"), ResponseFixtures.log(cast).stream().map(e -> e instanceof Alert x
                && x.id().equals("AL-3") ? withFacts(x, new AlertFacts.Crossing(true, new AlertFacts.Place(a.id(), a.id(),
                sectorZone.names()), false, x.time().minusSeconds(10))) : e).toList());
    }

    private static DomainEvent withFacts(Alert a, AlertFacts facts) {
        return new Alert(a.time(), a.id(), a.rule(), a.severity(), a.sector(), a.zone(), a.track(), a.sensor(), a.unit(),
                a.lat(), a.lon(), a.sensors(), a.detail(), a.marking(), facts);
    }

    private int run(String... args) {
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path report(String name, String... more) {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("report", "--from", FROM, "--to", TO, "--out",
                out.toString(), "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(more));
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
        return out;
    }

    private static Document parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(html)));
    }

    private static String at(Document d, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, d);
    }

    private static int count(Document d, String xpath) throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        return ((NodeList) x.evaluate(xpath, d, XPathConstants.NODESET)).getLength();
    }

    @Test
    void tablesAndPlotsCarryTheResponseTimes() throws Exception {
        Path page = report("report.html");
        // Kept for a look: target/report-en.html.
        Files.copy(page, Path.of("target", "report-en.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Document d = parse(page);
        String land = cast.land();
        assertThat(at(d, "//dd[@data-key='incidents']")).isEqualTo("4");
        assertThat(at(d, "//dd[@data-key='resolved']")).isEqualTo("2");
        assertThat(at(d, "//dd[@data-key='falseAlarms']")).isEqualTo("1");
        assertThat(at(d, "//dd[@data-key='stillOpen']")).isEqualTo("1");
        String row = "//section[@id='by-sector']//tr[@data-group='" + land + "']";
        assertThat(at(d, row + "/td[@data-metric='alertToDispatch'][@data-stat='count']")).isEqualTo("2");
        assertThat(at(d, row + "/td[@data-metric='alertToDispatch'][@data-stat='median']/@data-s")).isEqualTo("90");
        assertThat(at(d, row + "/td[@data-metric='alertToDispatch'][@data-stat='median']")).isEqualTo("1:30");
        assertThat(at(d, row + "/td[@data-metric='alertToDispatch'][@data-stat='p90']/@data-s")).isEqualTo("114");
        assertThat(at(d, row + "/td[@data-metric='dispatchToOnScene'][@data-stat='max']")).isEqualTo("10:00");
        assertThat(at(d, row + "/td[@data-metric='detectionToOnScene'][@data-stat='median']/@data-s"))
                .isEqualTo("760");
        assertThat(at(d, "//section[@id='by-sector']//tr[@data-group='" + cast.sea()
                + "']/td[@data-metric='detectionToOnScene'][@data-stat='max']/@data-s")).isEqualTo("1500");
        assertThat(at(d, "//section[@id='by-kind']//tr[@data-group='helicopter']/th")).isEqualTo("Helicopter");
        assertThat(at(d, "//section[@id='by-kind']//tr[@data-group='ground-vehicle']"
                + "/td[@data-metric='dispatchToOnScene'][@data-stat='median']/@data-s")).isEqualTo("540");

        // Box plots: three per grouping, one row per group with its count and median.
        assertThat(count(d, "//section[@id='by-sector']//*[local-name()='svg']")).isEqualTo(3);
        assertThat(count(d, "//section[@id='by-kind']//*[local-name()='svg']")).isEqualTo(3);
        assertThat(at(d, "//section[@id='by-sector']//*[@data-metric='detectionToOnScene']//*[@data-group='" + land
                + "']/@data-median-s")).isEqualTo("760");
        assertThat(count(d, "//section[@id='by-sector']//*[local-name()='rect'][@class='iqr']")).isEqualTo(6);

        // Incidents over time: hourly bins, alerts at 08:01, 09:00, 10:00 and 10:30 UTC.
        assertThat(at(d, "//*[@class='plot timeline']/@data-bin-s")).isEqualTo("3600");
        assertThat(count(d, "//*[@class='bar']")).isEqualTo(24);
        assertThat(at(d, "//*[@class='bar'][@data-start='2026-03-02T08:00:00Z']/@data-count")).isEqualTo("1");
        assertThat(at(d, "//*[@class='bar'][@data-start='2026-03-02T10:00:00Z']/@data-count")).isEqualTo("2");
        assertThat(at(d, "sum(//*[@class='bar']/@data-count)")).isEqualTo("4");

        // The map: the theatre's sectors and border from its geometry, and one dot per incident.
        assertThat(count(d, "//*[local-name()='path'][@class='sector']"))
                .isEqualTo(theatre.zones(ZoneKind.SECTOR).size());
        assertThat(count(d, "//*[local-name()='path'][@class='border']")).isPositive();
        assertThat(count(d, "//*[local-name()='circle'][@data-incident]")).isEqualTo(4);
        assertThat(count(d, "//*[local-name()='circle'][contains(@class,'resolved')]")).isEqualTo(2);

        // The table of incidents, in alert order.
        assertThat(count(d, "//table[@class='incidents']/tbody/tr")).isEqualTo(4);
        assertThat(at(d, "//table[@class='incidents']/tbody/tr[1]/td[5]")).isEqualTo(cast.patrol());
        assertThat(at(d, "//table[@class='incidents']/tbody/tr[2]/td[@data-metric='detectionToOnScene']"))
                .isEqualTo("25:00");
        assertThat(at(d, "//table[@class='incidents']/tbody/tr[4]/td[@data-metric='alertToDispatch']"))
                .isEqualTo("—");
    }

    @Test
    void aPageForAnAgencyHoldsOnlyTheIncidentsItMaySeeUnderItsMarkingBanner() throws Exception {
        Document all = parse(report("all.html"));
        assertThat(at(all, "//dd[@data-key='incidents']")).isEqualTo("4");
        assertThat(at(all, "(//div[@class='marking-banner'])[1]")).isEqualTo("RESTRICTED");
        assertThat(count(all, "//div[@class='marking-banner']")).isEqualTo(2);
        // The fixture's incidents are releasable to kz-mvd only: a partner's page has none, and says so.
        Document partner = parse(report("uz.html", "--agency", "uz-bs"));
        assertThat(at(partner, "//dd[@data-key='incidents']")).isEqualTo("0");
        assertThat(at(partner, "(//div[@class='marking-banner'])[1]")).isEqualTo("UNCLASSIFIED");
        Document mvd = parse(report("mvd.html", "--agency", "kz-mvd"));
        assertThat(at(mvd, "//dd[@data-key='incidents']")).isEqualTo("0"); // kz-mvd is no theatre agency: unclassified
    }

    @Test
    void withoutAnAgencyThePageIsTheHomeAgencysViewAndLeavesOutAForeignOriginatorsUnreleasedIncident() throws Exception {
        // The incident of AL-3 is the customs service's own, releasable to the defence ministry only.
        List<DomainEvent> events = ResponseFixtures.log(cast);
        String customs = events.stream().filter(e -> e instanceof IncidentEvent i && "AL-3".equals(i.alert()))
                .map(e -> ((IncidentEvent) e).incident()).findFirst().orElseThrow();
        Marking theirs = Marking.of(Classification.RESTRICTED, "kz-customs", java.util.Set.of("kz-mod"));
        try (var files = Files.walk(dir.resolve("data"))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        ResponseLogs.write(dir.resolve("data"), events.stream().map(e -> e instanceof IncidentEvent i
                && i.incident().equals(customs) ? new IncidentEvent(i.time(), i.incident(), i.change(), i.status(),
                i.alert(), i.unit(), i.by(), i.note(), i.disposition(), i.sector(), i.severity(), i.lat(), i.lon(), theirs)
                : e).toList());
        Document home = parse(report("home.html"));
        assertThat(at(home, "//dd[@data-key='incidents']")).isEqualTo("3");
        assertThat(count(home, "//*[local-name()='circle'][@data-incident='" + customs + "']")).isZero();
        assertThat(Files.readString(dir.resolve("home.html"))).doesNotContain(customs);
        Document explicit = parse(report("kz-bs.html", "--agency", "kz-bs"));
        assertThat(at(explicit, "//dd[@data-key='incidents']")).isEqualTo("3");
        // The originator's own page holds it, and only it (the others are not releasable to customs).
        Document theirPage = parse(report("customs.html", "--agency", "kz-customs"));
        assertThat(at(theirPage, "//dd[@data-key='incidents']")).isEqualTo("1");
    }

    @Test
    void pageIsSelfContainedAndTheSameBytesEachTime() throws Exception {
        byte[] a = Files.readAllBytes(report("a.html"));
        byte[] b = Files.readAllBytes(report("b.html"));
        assertThat(a).isEqualTo(b);
        String html = new String(a, StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script", "src=", "href=", "url(", "@import", "<link", "<img");
        assertThat(html.replace("http://www.w3.org/1999/xhtml", "").replace("http://www.w3.org/2000/svg", ""))
                .doesNotContain("http:", "https:", "//");
        byte[] viaUrl = Files.readAllBytes(report("c.html", "--db",
                "jdbc:sqlite:" + dir.resolve("data/shekara-events.db")));
        assertThat(viaUrl).isEqualTo(a);
    }

    @Test
    void languageAndPeriodAreSelectable() throws Exception {
        Document kk = parse(report("kk.html", "--lang", "kk"));
        assertThat(at(kk, "/html/@lang")).isEqualTo("kk");
        assertThat(at(kk, "//h1")).isEqualTo("Әрекет ету уақыты туралы есеп");
        assertThat(at(kk, "//section[@id='by-kind']//tr[@data-group='helicopter']/th")).isEqualTo("Тікұшақ");
        // Each incident's opening alert in the page's language, at the theatre's civil time (UTC+05:00).
        assertThat(sectorZone.name("kk")).isNotEqualTo(sectorZone.name("en"));
        assertThat(at(kk, "//table[@class='incidents']/tbody/tr[3]/td[@class='finding']"))
                .isEqualTo("Шекараны ел ішіне қарай кесіп өту, " + sectorZone.name("kk") + " учаскесінде, уақыты 14:59:50 UTC+05:00");
        assertThat(at(kk, "//table[@class='incidents']/tbody/tr[1]/td[@class='finding']"))
                .as("an alert logged without facts reads as its detail").isEqualTo("border-crossing");
        Document ru = parse(report("ru.html", "--lang", "ru"));
        assertThat(at(ru, "//section[@id='map']/h2")).isEqualTo("Карта инцидентов");
        assertThat(at(ru, "//table[@class='incidents']/tbody/tr[3]/td[@class='finding']"))
                .isEqualTo("Пересечение границы внутрь страны на участке " + sectorZone.name("ru") + " в 14:59:50 UTC+05:00");

        Path later = dir.resolve("later.html");
        assertThat(run("report", "--from", "2026-03-02T09:30:00Z", "--to", TO, "--out", later.toString(),
                "--data-dir", dir.resolve("data").toString())).isZero();
        Document d = parse(later);
        assertThat(at(d, "//dd[@data-key='incidents']")).isEqualTo("2");
        assertThat(at(d, "//section[@id='by-sector']//tr[@data-group='all']/td[@data-metric='alertToDispatch']"
                + "[@data-stat='max']/@data-s")).isEqualTo("120");
    }

    @Test
    void refusesAMissingLogAndABadLanguage() {
        assertThat(run("report", "--from", FROM, "--to", TO, "--out", dir.resolve("x.html").toString(),
                "--data-dir", dir.resolve("nothing").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no event log");
        assertThat(Files.exists(dir.resolve("nothing"))).isFalse();
        assertThat(run("report", "--from", FROM, "--to", TO, "--out", dir.resolve("x.html").toString(),
                "--data-dir", dir.resolve("data").toString(), "--lang", "de")).isEqualTo(1);
        assertThat(err.toString()).contains("--lang must be kk, ru or en");
        assertThat(run("report", "--from", TO, "--to", FROM, "--out", dir.resolve("x.html").toString(),
                "--data-dir", dir.resolve("data").toString())).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("x.html"))).isFalse();
    }
}
