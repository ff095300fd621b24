package kz.shekara.server.adapter.cot;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.Objects;
import java.util.function.Consumer;
import kz.shekara.server.adapter.DecodeException;

/**
 * Reads SA datagrams (one or more whole CoT events each) from a bound socket and hands each frame to
 * the server's handler as from no connection; a datagram that ends inside an event is rejected.
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
                    handler.dropped(null, "garbage", bytes);
                }
            });
            if (framer.buffered() > 0) {
                reject.accept(new DecodeException("malformed-xml", "datagram without a complete event"));
            }
        }
    }
}
