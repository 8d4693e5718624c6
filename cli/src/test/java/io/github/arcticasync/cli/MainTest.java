package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line's contract without servers: help, version, and bad usage as exit code 2 with one line. */
class MainTest {

    /** The exit code and what went to stdout and stderr. */
    private record Run(int exitCode, String out, String err) {
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

    private static void assertBadUsage(Run run, String reasonFragment) {
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").contains(reasonFragment).startsWith("arctic-async");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anArgumentStartingWithAnAtSignIsNotReadAsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("args"), "--help");

        assertBadUsage(run("status", "@" + file), "@" + file);
    }

    @Test
    void helpListsTheDemoCommandAndExitsZero() {
        Run run = run("--help");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).contains("Usage: arctic-async").contains("demo").contains("Exit codes");
    }

    @Test
    void demoHelpDescribesItsOptions() {
        Run run = run("demo", "--help");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).contains("--data-dir").contains("--mongo").contains("--pool-size");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Run run = run("--version");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).startsWith("arctic-async ").contains(VersionProvider.version());
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void noCommandIsBadUsage() {
        assertBadUsage(run(), "missing command");
    }

    @Test
    void unknownCommandIsBadUsage() {
        assertBadUsage(run("frobnicate"), "frobnicate");
    }

    @Test
    void unknownOptionIsBadUsage() {
        assertBadUsage(run("demo", "--no-such-option"), "--no-such-option");
    }

    @Test
    void demoOnRedisNeedsTheWorkersMongo() {
        assertBadUsage(run("demo", "--redis", "redis://127.0.0.1:6379"), "--redis needs --mongo");
    }

    @Test
    void demoOnRedisRefusesAnInJvmPoolSize() {
        assertBadUsage(run("demo", "--redis", "redis://127.0.0.1:6379", "--mongo", "mongodb://127.0.0.1:1",
                "--pool-size", "3"), "pool resize");
    }

    @Test
    void mongoAndDataDirExcludeEachOther() {
        assertBadUsage(run("demo", "--mongo", "mongodb://127.0.0.1:1", "--data-dir", "x"), "exclude each other");
    }

    @Test
    void mongoMustBeAMongoUrl() {
        assertBadUsage(run("demo", "--mongo", "http://127.0.0.1:27017"), "mongodb://");
    }

    @Test
    void aMongoUrlOfTheWrongSchemeIsShownWithoutItsPassword() {
        Run run = run("demo", "--mongo", "mongo://app:topsecret@h:27017");

        assertBadUsage(run, "mongo://app:****@h:27017");
        assertThat(run.err()).doesNotContain("topsecret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status --mongo mongodb://app:topsecret@h:27017     | Unknown options",
            "status --mongo=mongodb://app:topsecret@h:27017     | Unknown option",
            "status redis://app:topsecret@h:1                   | Unmatched argument",
            "up --workers redis://app:topsecret@h:1             | not an int",
            "up --workers=redis://app:topsecret@h:1             | not an int",
            "worker --mongo --redis=redis://app:topsecret@h:1   | Expected parameter",
    })
    void picocliDoesNotEchoAPasswordInAnArgumentItRefuses(String commandLine, String reason) {
        Run run = run(commandLine.split(" "));

        assertBadUsage(run, reason);
        assertThat(run.err()).doesNotContain("topsecret").contains("app:****@h");
    }

    @Test
    void tooFewRowsIsBadUsage() {
        assertBadUsage(run("demo", "--rows", "5"), "rows must be between");
    }

    @Test
    void nonNumericPoolSizeIsBadUsage() {
        assertBadUsage(run("demo", "--pool-size", "many"), "--pool-size");
    }

    @Test
    void zeroPoolSizeIsBadUsage() {
        assertBadUsage(run("demo", "--pool-size", "0"), "pool size must be at least 1");
    }

    @Test
    void describeDoesNotRepeatACauseTheMessageAlreadyHolds() {
        Exception e = new IllegalStateException("listLibraries: timed out", new RuntimeException("timed out"));

        assertThat(Main.describe(e)).isEqualTo("IllegalStateException: listLibraries: timed out");
    }

    @Test
    void describeNamesTheRootCause() {
        Exception e = new IllegalStateException("outer", new java.io.IOException("disk\nfull"));

        assertThat(Main.describe(e)).isEqualTo("IllegalStateException: outer (caused by IOException: disk full)");
    }
}
