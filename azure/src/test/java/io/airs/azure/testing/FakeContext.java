package io.airs.azure.testing;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The worker's execution context, keeping what the function logged. */
public final class FakeContext implements ExecutionContext {

    private final String function;
    private final String invocation = UUID.randomUUID().toString();
    private final Logger logger;
    private final List<String> lines = new ArrayList<>();

    public FakeContext(String function) {
        this.function = function;
        this.logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (lines) {
                    lines.add(r.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    /** What the function logged. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocation;
    }

    @Override
    public String getFunctionName() {
        return function;
    }
}
