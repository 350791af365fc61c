package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;

/** Makes the sender for a channel spec; one shared HTTP client for all HTTP channels. */
public final class Channels {
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    public Channels(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.json = new ObjectMapper();
        this.timeout = timeout;
    }

    public Channel create(ChannelSpec spec) {
        return spec.type() == ChannelType.EMAIL ? new EmailChannel(spec, timeout)
                : HttpJsonChannel.of(spec, http, json, timeout);
    }
}
