package kz.shekara.server.adapter.cot;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.Objects;
import java.util.function.Consumer;
import kz.shekara.server.adapter.DecodeException;

/**
 * Reads SA datagrams (one or more whole CoT XML events each, or one TAK protocol v1 mesh message:
 * {@code 0xbf 0x01 0xbf} and the message) from a bound socket and hands each event to the server's
 * handler as from no connection; a datagram that ends inside an event is rejected.
 * Runs until the socket closes; one thread.
 */
final class UdpSaInput implements Runnable {
    private final DatagramSocket socket;
    private final int maxEventBytes;
    private final CotConnection.Handler handler;
    private final Consumer<DecodeException> reject;

    UdpSaInput(DatagramSocket socket, int maxEventBytes, CotConnection.Handler handler,
               Consumer<DecodeException> reject) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.maxEventBytes = maxEventBytes;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.reject = Objects.requireNonNull(reject, "reject");
    }

    /** A TAK protocol v1 mesh datagram: 0xbf 0x01 0xbf and one message. */
    private static boolean isV1Mesh(DatagramPacket p) {
        byte[] d = p.getData();
        int o = p.getOffset();
        return p.getLength() > 3 && (d[o] & 0xff) == TakV1.MAGIC && d[o + 1] == 1 && (d[o + 2] & 0xff) == TakV1.MAGIC;
    }

    private void v1(CotDecoder decoder, DatagramPacket p) {
        try {
            kz.shekara.server.adapter.cot.takproto.TakMessage m = kz.shekara.server.adapter.cot.takproto.TakMessage
                    .parseFrom(java.nio.ByteBuffer.wrap(p.getData(), p.getOffset() + 3, p.getLength() - 3));
            if (m.hasCotEvent()) {
                byte[] xml = TakV1.xml(m.getCotEvent());
                handler.frame(null, decoder, xml, 0, xml.length);
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            reject.accept(new DecodeException("bad-protobuf", e.getMessage()));
        }
    }

    @Override
    public void run() {
        byte[] buf = new byte[65_536];
        CotDecoder decoder = new CotDecoder(maxEventBytes);
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            if (isV1Mesh(p)) {
                v1(decoder, p);
                continue;
            }
            CotFramer framer = new CotFramer(maxEventBytes);
            framer.feed(p.getData(), p.getOffset(), p.getLength(), new CotFramer.Sink() {
                @Override
                public void frame(byte[] b, int off, int len) {
                    handler.frame(null, decoder, b, off, len);
                }

                @Override
                public void oversized(long bytes) {
                    handler.oversized(null, bytes);
                }

                @Override
                public void skipped(long bytes) {
                    reject.accept(new DecodeException("garbage", bytes + " bytes before an event were no event"));
                }
            });
            if (framer.holdsPart()) { // the newline most senders end an event with is no part of another
                reject.accept(new DecodeException("malformed-xml", "datagram without a complete event"));
            }
        }
    }
}
