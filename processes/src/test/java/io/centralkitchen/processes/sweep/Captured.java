package io.centralkitchen.processes.sweep;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * What the test JVM's application said and answered, kept for {@link SecretSweepTest}: every log line (with its stack
 * trace) and the bodies of the platform's answers and pages, up to a bound each.
 */
public final class Captured {

    private static final int MAX_CHARS = 24 * 1024 * 1024;
    private static final StringBuilder LOGS = new StringBuilder();
    private static final StringBuilder ANSWERS = new StringBuilder();

    private Captured() {
    }

    /**
     * Starts keeping the log; again after Spring Boot's logging set-up has reset Logback (the application's filter
     * calls it when it is created).
     */
    public static synchronized void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)
                || context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("kitchen-secret-sweep") != null) {
            return;
        }
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                StringBuilder line = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
                IThrowableProxy thrown = event.getThrowableProxy();
                if (thrown != null) {
                    line.append('\n').append(ThrowableProxyUtil.asString(thrown));
                }
                add(LOGS, line.append('\n'));
            }
        };
        appender.setContext(context);
        appender.setName("kitchen-secret-sweep");
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    static void answer(String method, String path, int status, String body) {
        add(ANSWERS, new StringBuilder(method).append(' ').append(path).append(' ').append(status).append('\n').append(body).append('\n'));
    }

    private static void add(StringBuilder to, CharSequence text) {
        synchronized (to) {
            if (to.length() + text.length() <= MAX_CHARS) {
                to.append(text);
            }
        }
    }

    static String logs() {
        synchronized (LOGS) {
            return LOGS.toString();
        }
    }

    static String answers() {
        synchronized (ANSWERS) {
            return ANSWERS.toString();
        }
    }
}
