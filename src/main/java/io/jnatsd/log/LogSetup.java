package io.jnatsd.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Twin of {@code server/log.go} and {@code logger/log.go}: lines in the reference's format,
 * {@code [pid] 2006/01/02 15:04:05.000000 [INF] message}, on stderr or in a file, at the
 * level the flags ask for ({@code -D} debug, {@code -V} trace).
 */
public final class LogSetup {

    static final String PATTERN = "[%pid] %d{yyyy/MM/dd HH:mm:ss.SSS}%micros [%natslevel] %msg%n";

    private LogSetup() {
    }

    /**
     * Replaces the logging configuration: at start, before the server logs, and again when a
     * reload changes the level or the file, or SIGUSR1 asks for the file to be reopened (the
     * file appender opens the file afresh, so a rotated file is replaced). Thread-safe.
     */
    public static synchronized void configure(boolean debug, boolean trace, Path logFile) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        PatternLayout.DEFAULT_CONVERTER_MAP.put("natslevel", NatsLevelConverter.class.getName());
        PatternLayout.DEFAULT_CONVERTER_MAP.put("pid", PidConverter.class.getName());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (logFile != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(logFile.toString());
            file.setAppend(true);
            appender = file;
        } else {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        }
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(trace ? Level.TRACE : debug ? Level.DEBUG : Level.INFO);
        context.getLogger("io.netty").setLevel(Level.WARN);
    }
}
