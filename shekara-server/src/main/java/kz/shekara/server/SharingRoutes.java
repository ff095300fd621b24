package kz.shekara.server;

import java.time.Clock;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.api.ApiServer;
import kz.shekara.server.api.Caller;
import kz.shekara.server.api.FeedsApi;
import kz.shekara.server.api.PartnerStream;
import kz.shekara.server.api.ReleasesApi;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.ReleaseBook;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Theatre;

/** Releases to partners and the partner feeds of a running server (see docs/sharing.md). */
final class SharingRoutes {
    private SharingRoutes() {
    }

    /**
     * Mounts {@code POST/GET /api/v1/releases} and the partner feeds on {@code api}.
     *
     * @return the partner stream, to be closed with the server
     */
    static PartnerStream add(ApiServer api, Theatre theatre, Bus bus, RulesService rules, LiveState live,
                             ReleaseBook releases, Clock clock) {
        Viewer home = Viewer.home(theatre.defaultMarking().originator());
        ReleasesApi.Subjects subjects = s -> switch (s.kind()) {
            case INCIDENT -> rules.incidents().stream().filter(i -> i.id().equals(s.id())).findFirst()
                    .map(kz.shekara.incident.Incident::marking);
            case ALERT -> rules.alerts().stream().filter(e -> e.id().equals(s.id())).findFirst()
                    .map(e -> e.alert().marking());
            case TRACK -> live.tracks(home).stream().filter(t -> t.latest().track().equals(s.id())).findFirst()
                    .map(t -> t.latest().marking());
        };
        api.addRoutes(new ReleasesApi(theatre, bus, releases, subjects, clock, api::viewer, api.exercise())::register);
        PartnerStream stream = new PartnerStream(bus, ws -> api.viewer(Caller.of(ws)), api.redactor());
        api.addRoutes(new FeedsApi(theatre, live, rules::alerts, rules::incidents, api::viewer, api.redactor(),
                stream)::register);
        return stream;
    }
}
