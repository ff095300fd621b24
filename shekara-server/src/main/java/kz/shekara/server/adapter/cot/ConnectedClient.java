package kz.shekara.server.adapter.cot;

/**
 * A TAK client connected to the CoT server, as last identified by its own SA: device uid, callsign
 * and team ({@code __group} name); null until its first SA arrives. {@code remoteAddress} is
 * host:port. A snapshot value.
 */
public record ConnectedClient(String uid, String callsign, String group, String remoteAddress) {
}
