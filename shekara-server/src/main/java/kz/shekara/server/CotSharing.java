package kz.shekara.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import kz.shekara.server.access.AuditSink;
import kz.shekara.server.adapter.cot.CotMapping;
import kz.shekara.server.adapter.cot.CotServer;
import kz.shekara.server.adapter.federation.CotFederation;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.config.FederationConfig;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.ReleaseBook;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Agency;
import kz.shekara.theatre.Theatre;

/**
 * What TAK devices and partners' TAK servers get of a running server (see docs/sharing.md): the
 * marking rule and redactions of each device's agency on the CoT server, and the outbound CoT feeds
 * to partners' TAK servers (federation).
 */
final class CotSharing {
    private CotSharing() {
    }

    /**
     * Plain TCP devices read as the home agency (or {@code cot.agency}), TLS devices as their
     * certificate's; each gets what its agency may see, redacted for it; the theatre's units and
     * sensors are the home agency's, so only its devices may speak for their uids.
     */
    static void devices(CotServer cot, ShekaraConfig config, Theatre theatre, ReleaseBook releases) {
        String home = theatre.defaultMarking().originator();
        Set<String> own = new HashSet<>();
        theatre.units().forEach(u -> own.add(u.id()));
        theatre.sensors().forEach(s -> own.add(s.id()));
        cot.viewers(config.cot().agency() != null ? config.cot().agency() : home,
                agency -> Viewer.of(theatre, agency, "device").sharing(releases, config.simulation().enabled(), home),
                new Redactor(theatre), uid -> own.contains(uid) ? home : null);
    }

    /**
     * Starts a feed to every partner of {@code config.federation()}, each reading as its agency under
     * the deployment's sharing rules (the built-in scenario makes an exercise); an {@link IOException}
     * for a partner the theatre does not know or whose files cannot be used.
     *
     * @return the feeds, to be closed with the server
     */
    static CotFederation federation(ShekaraConfig config, Theatre theatre, Bus bus, LiveState live, RulesService rules,
                               ReleaseBook releases, AuditSink audit, MeterRegistry meters) throws IOException {
        String home = theatre.defaultMarking().originator();
        TreeSet<String> partners = new TreeSet<>(theatre.agencies().stream().map(Agency::id).toList());
        partners.remove(home);
        for (FederationConfig.Partner p : config.federation().partners()) {
            if (!partners.contains(p.agency())) {
                throw new IOException("federation: " + p.agency() + " is not a partner agency of the theatre (known: "
                        + partners + ")");
            }
        }
        boolean exercise = config.simulation().enabled();
        return new CotFederation(config.federation(),
                agency -> Viewer.of(theatre, agency, "partner").sharing(releases, exercise, home),
                new Redactor(theatre), new CotMapping(config.cot().validity(), config.cot().defaultSigmaM()), live,
                rules::alerts, audit, meters).start(bus);
    }
}
