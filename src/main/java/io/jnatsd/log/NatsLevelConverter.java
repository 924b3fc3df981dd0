package io.jnatsd.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Writes a level as the reference's three-letter tag: INF, WRN, ERR, DBG, TRC. */
public final class NatsLevelConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return tag(event.getLevel());
    }

    static String tag(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "ERR";
            case Level.WARN_INT -> "WRN";
            case Level.INFO_INT -> "INF";
            case Level.DEBUG_INT -> "DBG";
            default -> "TRC";
        };
    }
}
