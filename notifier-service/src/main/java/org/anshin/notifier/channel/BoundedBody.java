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
 * A receiver's answer, read only as far as the notifier needs it: nothing after a 2xx (the status is the answer),
 * at most {@code limit} bytes of anything else (for the receipt's error text). The rest is not read: the
 * subscription is cancelled, which closes that connection, so a huge or endless body costs neither memory nor
 * time.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {
    /** The most of a response body that is ever held. */
    static final int LIMIT = 64 * 1024;

    private final CompletableFuture<String> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;
    private Flow.Subscription subscription;

    private BoundedBody(int limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new BoundedBody(info.statusCode() / 100 == 2 ? 0 : limit);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (limit == 0) {
            done(s);
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
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
