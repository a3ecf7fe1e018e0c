package io.airs.azure.breaker;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * A pipeline step for a Tables client that lets another writer in just before this client's write
 * (insert or replace) goes out, to provoke ETag conflicts at a chosen moment.
 */
final class RacingPolicy implements HttpPipelinePolicy {

    private final Runnable race;
    private boolean every;
    private boolean done;

    RacingPolicy(Runnable race) {
        this.race = race;
    }

    RacingPolicy everyTime() {
        every = true;
        return this;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.fromRunnable(() -> maybeRace(context.getHttpRequest())).then(next.process());
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        maybeRace(context.getHttpRequest());
        return next.processSync();
    }

    private void maybeRace(HttpRequest request) {
        HttpMethod m = request.getHttpMethod();
        boolean write = m == HttpMethod.PUT || m == HttpMethod.POST || m == HttpMethod.PATCH;
        if (write && (every || !done)) {
            done = true;
            race.run();
        }
    }
}
