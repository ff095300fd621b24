package kz.shekara.server.adapter.cot;

import java.util.Set;

/**
 * A TAK client connected to the CoT server: as last identified by its own SA, device uid, callsign
 * and team colour ({@code __group} name, shown on the map, never used for routing), null until its
 * first SA arrives; {@code remoteAddress} is host:port; {@code routingGroups} come from the input it
 * connected on; {@code certificateSubject} is null on plain TCP. A snapshot value.
 */
public record ConnectedClient(String uid, String callsign, String group, String remoteAddress,
                              Set<String> routingGroups, String certificateSubject) {
    public ConnectedClient {
        routingGroups = Set.copyOf(routingGroups);
    }
}
