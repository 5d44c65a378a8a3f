package org.jifen.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests of this replica that may have written something (every method but GET, HEAD and OPTIONS,
 * unless refused with a 4xx).
 * The count moves when the request's work is done and committed, before its answer leaves: an answer kept in
 * memory ({@link ShortCache}) under an older count is not used again, so whoever wrote through this replica reads
 * what they wrote. Writes on other replicas show when the kept answer expires.
 */
@ApplicationScoped
public class LocalWrites {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final AtomicLong count = new AtomicLong();

    public long stamp() {
        return count.get();
    }

    public void happened() {
        count.incrementAndGet();
    }

    /** A refused request (4xx) wrote nothing: it leaves what is kept alone, so a flood of bad posts cannot empty it. */
    @ServerResponseFilter
    public void afterRequest(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (!SAFE.contains(request.getMethod()) && (status < 400 || status >= 500)) {
            happened();
        }
    }
}
