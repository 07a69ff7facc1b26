package dev.herald.server.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** Switches the stdout log format (text or JSON lines) once the configuration is known. */
final class Logging {
    private Logging() {
    }

    static void configure(String format) {
        if (!format.equals("json")) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(Logging.class.getClassLoader().getResource("logback-json.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure JSON logging", e);
        }
    }
}
