package dev.wharf.gc;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Optional;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) with {@code *}, lists,
 * ranges and steps, as in crontab(5): when both day fields are restricted a day matching either one counts.
 * Day-of-week 0 and 7 are Sunday. A maintenance window starts at each time the expression names.
 */
public final class Cron {
    private static final int MAX_DAYS_BACK = 5 * 366;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    private Cron(String text, String[] f) {
        this.text = text;
        minutes = field(f[0], 0, 59, "minute");
        hours = field(f[1], 0, 23, "hour");
        days = field(f[2], 1, 31, "day of month");
        months = field(f[3], 1, 12, "month");
        weekdays = field(f[4], 0, 7, "day of week");
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        daysRestricted = !f[2].equals("*");
        weekdaysRestricted = !f[4].equals("*");
    }

    /** @throws IllegalArgumentException naming the bad field */
    public static Cron parse(String text) {
        String[] f = text == null ? new String[0] : text.strip().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("a cron expression has five fields (minute hour day month weekday),"
                    + " got \"" + text + "\"");
        }
        return new Cron(text.strip(), f);
    }

    /** The start of the latest window at or before {@code now} in {@code zone}; empty if none in five years. */
    public Optional<ZonedDateTime> latestAtOrBefore(ZonedDateTime now, ZoneId zone) {
        ZonedDateTime local = now.withZoneSameInstant(zone);
        LocalDate date = local.toLocalDate();
        for (int back = 0; back <= MAX_DAYS_BACK; back++, date = date.minusDays(1)) {
            if (!dayMatches(date)) {
                continue;
            }
            for (int h = 23; h >= 0; h--) {
                if (!hours.get(h)) {
                    continue;
                }
                for (int m = 59; m >= 0; m--) {
                    if (!minutes.get(m)) {
                        continue;
                    }
                    ZonedDateTime t = ZonedDateTime.of(LocalDateTime.of(date, LocalTime.of(h, m)), zone);
                    if (!t.isAfter(local) && t.toLocalTime().equals(LocalTime.of(h, m))) {
                        return Optional.of(t); // (a time skipped by a DST gap does not start a window)
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate d) {
        if (!months.get(d.getMonthValue())) {
            return false;
        }
        boolean dom = days.get(d.getDayOfMonth());
        boolean dow = weekdays.get(d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue());
        if (daysRestricted && weekdaysRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static BitSet field(String spec, int min, int max, String name) {
        BitSet bits = new BitSet(max + 1);
        for (String part : spec.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, name);
                range = part.substring(0, slash);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                lo = number(ends[0], min, max, name);
                hi = number(ends[1], min, max, name);
                if (lo > hi) {
                    throw new IllegalArgumentException("cron " + name + " range " + range + " runs backwards");
                }
            } else {
                lo = number(range, min, max, name);
                hi = slash >= 0 ? max : lo;
            }
            for (int v = lo; v <= hi; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String s, int min, int max, String name) {
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("cron " + name + " must be a number from " + min + " to " + max
                + ", '*', a list, a range or a step; got \"" + s + "\"");
    }

    @Override
    public String toString() {
        return text;
    }
}
