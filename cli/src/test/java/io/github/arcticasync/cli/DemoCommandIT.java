package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code arctic-async demo} end to end in this JVM, on the real embedded MongoDB (H2 file backend) in a temporary
 * folder: twice, so the second run finds the first run's library.
 */
class DemoCommandIT {

    private static final Pattern SUMMARY = Pattern.compile(
            "Summary: (\\d+) requests submitted \\(totalRequests\\), (\\d+) errors \\((\\d+) expected\\),"
                    + " (\\d+) requests/s overall, ([\\d.]+) s elapsed");

    @TempDir
    Path dataDir;

    /** The exit code and what went to stdout and stderr. */
    private record Run(int exitCode, String out, String err) {
    }

    private Run demo() {
        return run("demo", "--data-dir", dataDir.toString(), "--rows", "2000", "--plain");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void demoRunsOnTheMongoGivenWithMongo() {
        try (EmbeddedMongo server = EmbeddedMongo.start(dataDir.resolve("server"))) {
            Run run = run("demo", "--mongo", server.connectionString(), "--library", "given.lib", "--rows", "2000",
                    "--pool-size", "3", "--plain");

            assertThat(run.exitCode()).as("exit code; stderr: %s; stdout: %s", run.err(), run.out()).isZero();
            assertThat(run.out()).contains("using the MongoDB at " + server.connectionString())
                    .contains("in-JVM pool of 3 threads").contains("'given.lib'")
                    .containsPattern("Summary: \\d+ requests submitted");
        }
    }

    @Test
    void demoRunsEveryStepAndSummarises() {
        Run first = demo();

        assertThat(first.exitCode()).as("exit code; stderr: %s; stdout: %s", first.err(), first.out()).isZero();
        assertThat(first.out())
                .contains(dataDir.toAbsolutePath().normalize().toString())
                .contains("created")
                .contains("[8/8]")
                .contains("NoDataFoundException")
                .contains("has_symbol: 100/100");
        Matcher summary = SUMMARY.matcher(first.out());
        assertThat(summary.find()).as("summary line in:%n%s", first.out()).isTrue();
        long requests = Long.parseLong(summary.group(1));
        int symbols = Demo.SYMBOLS.size();
        // writes + reads, five mixed, missing symbol + slow write + slow read, two rounds of reads on the small pool,
        // and the has_symbol batch
        long expected = 2L * symbols + 5 + 3 + 2L * symbols + Demo.HAS_SYMBOL_REQUESTS;
        assertThat(requests).isEqualTo(expected);
        assertThat(Long.parseLong(summary.group(2))).isEqualTo(1);
        assertThat(Long.parseLong(summary.group(3))).isEqualTo(1);
        assertThat(Long.parseLong(summary.group(4))).isPositive();

        Run second = demo();

        assertThat(second.exitCode()).as("second run; stderr: %s", second.err()).isZero();
        assertThat(second.out()).contains("found from an earlier run").contains("AAPL").contains("Summary: ");
    }
}
