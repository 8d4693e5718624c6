package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The endpoint on loopback: meters in Prometheus text at /metrics, nothing anywhere else. */
class MetricsEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(MetricsEndpoint endpoint, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheRegisteredMetersAndTheJvmsInPrometheusText() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0)) {
            endpoint.registry().counter("arctic_async_test_done", "worker", "w1").increment(3);

            HttpResponse<String> page = call(endpoint, "GET", "/metrics");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                    assertThat(t).startsWith("text/plain"));
            assertThat(page.body()).contains("arctic_async_test_done_total{worker=\"w1\"} 3.0")
                    .contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
            assertThat(call(endpoint, "HEAD", "/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0)) {
            assertThat(call(endpoint, "GET", "/").statusCode()).isEqualTo(404);
            assertThat(call(endpoint, "GET", "/metrics/x").statusCode()).isEqualTo(404);
            HttpResponse<String> post = call(endpoint, "POST", "/metrics");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        }
    }
}
