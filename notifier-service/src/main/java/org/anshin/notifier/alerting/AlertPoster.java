package org.anshin.notifier.alerting;

import java.util.concurrent.CompletableFuture;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.SendResult;

/** Posts one alert body to an Alertmanager channel without holding the caller. */
@FunctionalInterface
public interface AlertPoster {
    CompletableFuture<SendResult> post(ChannelSpec channel, byte[] body);
}
