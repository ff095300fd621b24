package kz.shekara.server.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Caps every request body at {@code maxBytes}, chunked bodies included: a declared length over the cap is
 * answered 413 before anything is read; a body without a declared length is read through a stream that
 * fails with {@link TooLarge} at the first byte past the cap, which {@link ApiErrors} answers as 413. So no
 * route ever holds more than the cap of one request in memory. Thread-safe.
 */
final class BodyLimitFilter implements Filter {
    /** A body went past the cap while it was read. */
    static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("request body over " + maxBytes + " bytes");
        }
    }

    private final long maxBytes;
    private final Runnable refused;

    /** @param refused counts one refusal (the caller's rejection counter) */
    BodyLimitFilter(long maxBytes, Runnable refused) {
        this.maxBytes = maxBytes;
        this.refused = refused;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        if (req.getContentLengthLong() > maxBytes) {
            refused.run();
            HttpServletResponse res = (HttpServletResponse) response;
            res.setStatus(413);
            res.setContentType("application/json");
            res.setHeader("Connection", "close");
            res.getOutputStream().write(("{\"error\":\"too-large\",\"detail\":\"request body over " + maxBytes
                    + " bytes\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new Capped(req, maxBytes), response);
    }

    private static final class Capped extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Capped(HttpServletRequest req, long maxBytes) {
            super(req);
            this.maxBytes = maxBytes;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class CappedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        CappedStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, (int) Math.min(len, maxBytes - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > maxBytes) {
                throw new TooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
