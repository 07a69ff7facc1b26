package dev.herald.server.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Fails the reading of a request body that arrives slower than a minimum average rate, so a client trickling a
 * byte now and then (slowloris) cannot hold a request open for long. The clock starts when the route first reads
 * (bodies are read late, after authentication), and the rate is judged only after a grace period, so a small body
 * that merely starts late is never refused. A client that sends nothing at all is left to the idle timeout.
 */
final class MinimumBodyRate extends Handler.Wrapper {
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long bytesPerSecond;

    MinimumBodyRate(Handler next, long bytesPerSecond) {
        super(next);
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(bytesPerSecond > 0 ? new Metered(request) : request, response, callback);
    }

    private final class Metered extends Request.Wrapper {
        private volatile long started;
        private volatile long received;
        private volatile Content.Chunk tooSlow;

        Metered(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            if (tooSlow != null) {
                return tooSlow;
            }
            if (started == 0) {
                started = System.nanoTime();
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                received += chunk.remaining();
            }
            return chunk;
        }

        @Override
        public void demand(Runnable onContent) {
            long elapsed = started == 0 ? 0 : System.nanoTime() - started;
            if (elapsed > GRACE_NANOS && received * TimeUnit.SECONDS.toNanos(1) / elapsed < bytesPerSecond) {
                tooSlow = Content.Chunk.from(new TimeoutException(
                        "request body arrived slower than " + bytesPerSecond + " bytes per second"));
                onContent.run();
                return;
            }
            super.demand(onContent);
        }
    }
}
