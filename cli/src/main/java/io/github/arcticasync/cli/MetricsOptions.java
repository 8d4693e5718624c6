package io.github.arcticasync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --metrics-port} and {@code --metrics-host} options of the long-running commands (worker, coordinator). */
final class MetricsOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:ARCTIC_ASYNC_METRICS_PORT}",
            description = "Serve Prometheus metrics at http://HOST:PORT" + MetricsEndpoint.PATH + " (0: a free port, "
                    + "printed at start). Default $ARCTIC_ASYNC_METRICS_PORT, else no endpoint.")
    private Integer port;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "The address the metrics endpoint listens on (default: ${DEFAULT-VALUE}, every interface, "
                    + "as a container needs).")
    private String host;

    /** Starts the endpoint if a port was given and says where it listens; null when metrics were not asked for. */
    MetricsEndpoint startIfAsked(PrintWriter out) {
        if (port == null) {
            return null;
        }
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--metrics-port must be 0-65535, was " + port);
        }
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(host, port);
            out.printf("metrics: http://%s:%d%s%n", host, endpoint.port(), MetricsEndpoint.PATH);
            out.flush();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }
}
