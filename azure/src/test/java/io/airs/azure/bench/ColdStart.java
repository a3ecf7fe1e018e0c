package io.airs.azure.bench;

import io.airs.azure.AzureSettings;
import io.airs.azure.functions.EnforcerFunctions;
import io.airs.azure.testing.FakeContext;
import io.airs.azure.testing.FakeHttpRequest;
import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM by {@link FilterBench}: builds the function class as the Functions worker does
 * (no-argument constructor, runtime from the application settings) and answers one native
 * evaluation, then prints the milliseconds from JVM start to that first response.
 */
public final class ColdStart {

    private ColdStart() {}

    public static void main(String[] args) {
        EnforcerFunctions functions = new EnforcerFunctions();
        var r = functions.evaluate(
                FakeHttpRequest.post(
                        "/v1/evaluate", "{\"stage\":\"input\",\"content\":\"When does the release ship?\"}"),
                new FakeContext(AzureSettings.FN_EVALUATE));
        long ms = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (r.getStatusCode() != 200) {
            throw new IllegalStateException("first response was " + r.getStatusCode());
        }
        System.out.println("cold_start_ms=" + ms);
    }
}
