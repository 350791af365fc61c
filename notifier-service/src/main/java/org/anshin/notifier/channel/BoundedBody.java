package org.anshin.notifier.channel;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A receiver's answer, read only as far as the notifier needs it: nothing kept of a 2xx (the status is the answer),
 * at most {@code limit} bytes of anything else (for the receipt's error text). A body that is not read to its end
 * is cancelled, which closes that connection, so a huge or endless body costs neither memory nor time.
 *
 * <p>A 2xx whose declared Content-Length is at most {@code limit} (Alertmanager's empty 200, Slack's "ok",
 * PagerDuty's small JSON) is read to its end and thrown away, and answered then: only a body read to its end gives
 * the connection back to the client's pool (answering first and draining after still closed half of them).
 * Cancelling every 2xx closed the connection of every delivery, so each webhook call opened a new TCP connection
 * (and, to an https receiver, a new TLS session): in a bench run 11,287 client sockets in TIME_WAIT after ~20,000
 * calls, 6 % of the notifier's CPU samples in opening connections, and at a few hundred calls a second to one
 * receiver the ephemeral ports run out. Such a body that trickles is bounded by the attempt's timeout like any
 * answer. A 2xx without a length (chunked, possibly endless) is answered at once and cancelled, as before.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {
    /** The most of a response body that is ever held, or read and thrown away after a 2xx. */
    static final int LIMIT = 64 * 1024;

    private final CompletableFuture<String> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;
    /**
     * A 2xx with a short declared length: read to its end (at most this many bytes), discarded, answered at its
     * end; 0 for any other answer.
     */
    private final int drainLimit;
    private long drained;
    private Flow.Subscription subscription;

    private BoundedBody(int limit, int drainLimit) {
        this.limit = limit;
        this.drainLimit = drainLimit;
    }

    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> info.statusCode() / 100 == 2
                ? new BoundedBody(0, info.headers().firstValueAsLong("Content-Length").stream()
                        .anyMatch(n -> n >= 0 && n <= limit) ? limit : 0)
                : new BoundedBody(limit, 0);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (drainLimit > 0) {
            s.request(Long.MAX_VALUE);
        } else if (limit == 0) {
            done(s);
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (drainLimit > 0) {
            for (ByteBuffer b : items) {
                drained += b.remaining();
                b.position(b.limit());
            }
            if (drained > drainLimit) { // longer than it said: answered, no more read, the connection goes
                done(subscription);
            }
            return;
        }
        for (ByteBuffer b : items) {
            int take = Math.min(b.remaining(), limit - bytes.size());
            byte[] chunk = new byte[take];
            b.get(chunk);
            bytes.write(chunk, 0, take);
            if (bytes.size() >= limit) {
                done(subscription);
                return;
            }
        }
        subscription.request(1);
    }

    private void done(Flow.Subscription s) {
        body.complete(bytes.toString(StandardCharsets.UTF_8));
        s.cancel();
    }

    @Override
    public void onError(Throwable t) {
        body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }
}
