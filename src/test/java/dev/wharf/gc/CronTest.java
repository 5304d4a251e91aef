package dev.wharf.gc;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static String latest(String cron, String now) {
        return Cron.parse(cron).latestAtOrBefore(ZonedDateTime.parse(now), UTC).orElseThrow().toString();
    }

    @Test
    void latestWindow_forCommonExpressions() {
        assertThat(latest("0 3 * * *", "2026-01-02T03:00Z")).isEqualTo("2026-01-02T03:00Z[UTC]");
        assertThat(latest("0 3 * * *", "2026-01-02T02:59Z")).isEqualTo("2026-01-01T03:00Z[UTC]");
        assertThat(latest("*/15 * * * *", "2026-01-02T10:44Z")).isEqualTo("2026-01-02T10:30Z[UTC]");
        assertThat(latest("30 1 * * 0", "2026-01-07T00:00Z")).isEqualTo("2026-01-04T01:30Z[UTC]"); // a Sunday
        assertThat(latest("30 1 * * 7", "2026-01-07T00:00Z")).isEqualTo("2026-01-04T01:30Z[UTC]");
        assertThat(latest("0 0 1 1-3 *", "2026-05-01T00:00Z")).isEqualTo("2026-03-01T00:00Z[UTC]");
        assertThat(latest("0 12 15 * 1", "2026-01-14T00:00Z")).isEqualTo("2026-01-12T12:00Z[UTC]"); // day OR weekday
        assertThat(latest("5,10 8-9 * * *", "2026-01-02T09:07Z")).isEqualTo("2026-01-02T09:05Z[UTC]");
    }

    @Test
    void badExpressions_nameTheField() {
        assertThatThrownBy(() -> Cron.parse("0 3 * *")).hasMessageContaining("five fields");
        assertThatThrownBy(() -> Cron.parse("60 3 * * *")).hasMessageContaining("minute");
        assertThatThrownBy(() -> Cron.parse("0 24 * * *")).hasMessageContaining("hour");
        assertThatThrownBy(() -> Cron.parse("0 3 0 * *")).hasMessageContaining("day of month");
        assertThatThrownBy(() -> Cron.parse("0 3 * 13 *")).hasMessageContaining("month");
        assertThatThrownBy(() -> Cron.parse("0 3 * * mon")).hasMessageContaining("day of week");
        assertThatThrownBy(() -> Cron.parse("0 5-3 * * *")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> Cron.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void impossibleDate_hasNoWindow() {
        assertThat(Cron.parse("0 0 31 2 *").latestAtOrBefore(ZonedDateTime.parse("2026-01-01T00:00Z"), UTC)).isEmpty();
    }
}
