package org.anshin.notifier.alerting;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.anshin.notifier.channel.AlertmanagerBody;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.SendResult;

/**
 * The re-posts over the JDK client's non-blocking send, bounded like the channel's own attempts: the whole
 * exchange ends within the timeout, then it is cancelled. No {@code Idempotency-Key}: a re-post is not a new
 * notice, and a proxy that drops repeated keys would drop every re-post. The answer's body is not read.
 */
public final class HttpAlertPoster implements AlertPoster {
    private final HttpClient http;
    private final Duration timeout;

    public HttpAlertPoster(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<SendResult> post(ChannelSpec channel, byte[] body) {
        CompletableFuture<HttpResponse<Void>> exchange;
        try {
            HttpRequest request = HttpRequest.newBuilder(AlertmanagerBody.endpoint(channel.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "anshin-notifier")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(SendResult.permanent(e.toString()));
        }
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> exchange.cancel(true));
        return exchange.handle((response, failure) -> {
            if (failure == null) {
                return SendResult.ofHttpStatus(response.statusCode(), "");
            }
            return SendResult.ofHttpFailure(failure, timeout);
        });
    }
}
