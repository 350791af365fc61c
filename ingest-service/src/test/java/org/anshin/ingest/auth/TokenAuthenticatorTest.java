package org.anshin.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Operator;
import org.anshin.ingest.IngestMain;
import org.anshin.ingest.TestConfig;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
    private static final AnshinConfig CONFIG = TestConfig.load();
    private final TokenAuthenticator auth = new TokenAuthenticator(CONFIG.operators());

    @Test
    void bearerTokensNameTheirOperator() {
        assertThat(auth.authenticate("Bearer " + TestConfig.ELECTRICITY_TOKEN)).map(Operator::id)
                .contains(TestConfig.ELECTRICITY_OPERATOR);
        assertThat(auth.authenticate("bearer " + TestConfig.ALL_TOKEN)).map(Operator::id).contains(TestConfig.ALL_OPERATOR);
    }

    @Test
    void anythingElseIsNobody() {
        assertThat(auth.authenticate(null)).isEmpty();
        assertThat(auth.authenticate("")).isEmpty();
        assertThat(auth.authenticate("Bearer ")).isEmpty();
        assertThat(auth.authenticate(TestConfig.ALL_TOKEN)).isEmpty();
        assertThat(auth.authenticate("Basic " + TestConfig.ALL_TOKEN)).isEmpty();
        assertThat(auth.authenticate("Bearer " + TestConfig.ALL_TOKEN + "x")).isEmpty();
        // the hash itself is not a token
        assertThat(auth.authenticate("Bearer " + org.anshin.common.config.TokenHash.sha256Hex(TestConfig.ALL_TOKEN))).isEmpty();
        assertThat(auth.authenticate("Bearer " + "x".repeat(10_000))).isEmpty();
    }

    @Test
    void theShippedDemoTokensAreListedForEverySector() {
        AnshinConfig shipped = AnshinConfig.load(TestConfig.repoConfig());
        assertThat(shipped.operators().demoTokenLines()).hasSize(14)
                .contains("Authorization: Bearer demo-electricity -> demo-electricity-operator [electricity]");
        assertThat(new TokenAuthenticator(shipped.operators()).authenticate("Bearer demo-gas")).map(Operator::id)
                .contains("demo-gas-operator");
        assertThat(CONFIG.operators().demoTokenLines()).isEmpty();
    }

    @Test
    void bothTokensOfARotationAuthenticateTheSameOperator() {
        Operator op = new Operator("rotating", "r", java.util.Set.of("gas"),
                java.util.List.of(org.anshin.common.config.TokenHash.sha256Hex("old-token"), org.anshin.common.config.TokenHash.sha256Hex("new-token")), 2, 3);
        org.anshin.common.config.Operators ops = new org.anshin.common.config.Operators("t", java.util.Map.of("rotating", op));
        TokenAuthenticator auth = new TokenAuthenticator(ops);
        assertThat(auth.authenticate("Bearer old-token")).map(Operator::id).contains("rotating");
        assertThat(auth.authenticate("Bearer new-token")).map(Operator::id).contains("rotating");
        assertThat(auth.authenticate("Bearer other-token")).isEmpty();
    }

    @Test
    void tokenBucketAllowsTheBurstThenTheRate() {
        AtomicLong clock = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(clock::get);
        Operator op = new Operator("o", "o", java.util.Set.of("gas"), "0".repeat(64), 2, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(op)).isZero();
        }
        Duration wait = limiter.acquire(op);
        assertThat(wait).isBetween(Duration.ofMillis(499), Duration.ofMillis(501));
        assertThat(RateLimiter.retryAfterSeconds(wait)).isEqualTo(1);
        clock.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.acquire(op)).isZero();
        assertThat(limiter.acquire(op)).isPositive();
        clock.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(op)).isZero();
        }
        assertThat(limiter.acquire(op)).isPositive();
    }
}
