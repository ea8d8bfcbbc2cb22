package dev.solvent.oracle.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpcSettingsTest {

    @Test
    void doublesTheBackoffUpToItsCap() {
        RpcSettings settings = RpcSettings.DEFAULTS; // 250 ms doubling, capped at 2 s

        assertThat(settings.backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.backoff(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoff(9)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void cutsEveryTimeoutToTheOverallOne() {
        RpcSettings settings = RpcSettings.DEFAULTS.withTimeout(Duration.ofSeconds(3));

        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void refusesAttemptsOutsideOneToTen() {
        assertThatThrownBy(() -> RpcSettings.DEFAULTS.withMaxAttempts(0)).hasMessageContaining("valid: 1..10");
        assertThatThrownBy(() -> RpcSettings.DEFAULTS.withMaxAttempts(11)).hasMessageContaining("valid: 1..10");
    }
}
