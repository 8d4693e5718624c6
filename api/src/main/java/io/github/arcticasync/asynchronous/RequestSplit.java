package io.github.arcticasync.asynchronous;

import java.util.List;
import java.util.Objects;

/**
 * Requests split into those still alive (queued or running) and those done, as Arctic's
 * {@code filter_finished_requests} returns them; each list keeps the input order.
 *
 * @param alive requests not completed yet
 * @param done  completed requests, successful or not
 */
public record RequestSplit(List<AsyncRequest> alive, List<AsyncRequest> done) {
    public RequestSplit {
        alive = List.copyOf(Objects.requireNonNull(alive, "alive"));
        done = List.copyOf(Objects.requireNonNull(done, "done"));
    }
}
