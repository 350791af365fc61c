package org.anshin.console.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentMapTest {
    @Test
    void beyondItsCapacityTheValueUnchangedLongestIsForgottenAndCounted() {
        RecentMap<String> m = new RecentMap<>(3);
        m.put("a", "a1");
        m.put("b", "b1");
        m.put("c", "c1");
        m.merge("a", "a2", (old, fresh) -> old + "+" + fresh); // a changed last now: b is the oldest
        m.put("d", "d1");
        assertThat(m.get("b")).isNull();
        assertThat(m.get("a")).isEqualTo("a1+a2");
        assertThat(m.values()).containsExactly("c1", "a1+a2", "d1");
        assertThat(m.forgotten()).isEqualTo(1);
    }

    @Test
    void aRemovalIsNotCountedAsForgotten() {
        RecentMap<String> m = new RecentMap<>(2);
        m.put("a", "a1");
        assertThat(m.remove("a")).isTrue();
        assertThat(m.remove("a")).isFalse();
        assertThat(m.forgotten()).isZero();
        assertThatThrownBy(() -> new RecentMap<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHundredThousandIncidentsStayWithinTheCapacity() {
        RecentMap<Integer> m = new RecentMap<>(2000);
        for (int i = 0; i < 100_000; i++) {
            m.put("incident-" + i, i);
        }
        assertThat(m.values()).hasSize(2000).first().isEqualTo(98_000);
        assertThat(m.forgotten()).isEqualTo(98_000);
    }
}
