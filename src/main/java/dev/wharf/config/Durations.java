package dev.wharf.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations ({@code 24h}, {@code 90m}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}), because registry:2
 * config files and environments are written that way and must keep working unchanged.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses a Go duration ({@code time.ParseDuration} syntax without a sign).
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("expected a duration like 24h, 90m, 30s or 1h30m, got \"" + text + "\"");
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            at = m.end();
        }
        if (at == 0) {
            throw new IllegalArgumentException("expected a duration like 24h, 90m, 30s or 1h30m, got \"" + text + "\"");
        }
        try {
            return Duration.ofNanos(nanos.toBigInteger().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too long");
        }
    }

    /** Formats like Go but without zero parts: {@code 24h}, {@code 1h30m}, {@code 1m30s}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (d.isNegative()) {
            sb.append('-');
            d = d.negated();
        }
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int nanos = d.toNanosPart();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0 || (nanos > 0 && nanos % 1_000_000 != 0 && sb.isEmpty())) {
            sb.append(s);
            if (nanos > 0 && (nanos % 1_000_000 != 0 || s > 0)) {
                sb.append('.').append(String.format("%09d", nanos).replaceAll("0+$", ""));
            }
            sb.append('s');
        } else if (nanos > 0) {
            sb.append(nanos / 1_000_000).append("ms");
        }
        return sb.toString();
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalStateException(unit);
        };
    }
}
