package dev.wharf.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.wharf.config.WharfConfig;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log.level} and {@code log.formatter} to Logback at start. Logs go to stderr (stdout is for command
 * output). Chatty libraries stay at WARN unless the level is {@code trace}, so {@code debug} shows Wharf's own
 * debugging rather than every Jetty buffer.
 */
final class LoggingSetup {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";
    private static final List<String> CHATTY = List.of("org.eclipse.jetty", "com.zaxxer.hikari", "org.flywaydb");

    private LoggingSetup() {
    }

    static void apply(WharfConfig.Log log) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        Level level = Level.toLevel(log.level(), Level.INFO);
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        // Libraries speak at WARN so a normal start logs one line (Wharf's URL); trace shows everything.
        Level libraries = level == Level.TRACE || level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        CHATTY.forEach(name -> ctx.getLogger(name).setLevel(libraries));

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(ctx);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder("json".equals(log.format()) ? json(ctx) : text(ctx));
        appender.start();
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> text(LoggerContext ctx) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(PATTERN);
        e.start();
        return e;
    }

    /** One JSON object per line: timestamp (epoch ms), level, thread, logger, message, MDC, throwable. */
    private static Encoder<ILoggingEvent> json(LoggerContext ctx) {
        JsonEncoder e = new JsonEncoder();
        e.setContext(ctx);
        e.setWithSequenceNumber(false);
        e.setWithNanoseconds(false);
        e.setWithContext(false);
        e.setWithArguments(false);
        e.setWithMessage(false);
        e.setWithFormattedMessage(true);
        e.start();
        return e;
    }
}
