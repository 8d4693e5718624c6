package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cluster commands' usage contract without servers: exit code 2 with a one-line reason, secrets masked. */
class ClusterCommandsTest {

    private static void assertBadUsage(CliProcesses.Run run, String reasonFragment) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").contains(reasonFragment).startsWith("arctic-async");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpListsEveryClusterCommand() {
        CliProcesses.Run run = CliProcesses.inProcess("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo").contains("worker").contains("coordinator").contains("up")
                .contains("status").contains("pool");
    }

    @Test
    void workerNeedsMongo() {
        assertBadUsage(CliProcesses.inProcess("worker", "--redis", "redis://127.0.0.1:1", "--mongo", " "),
                "--mongo URL is required");
    }

    @Test
    void workerRejectsANonRedisUrlWithoutShowingItsPassword() {
        CliProcesses.Run run = CliProcesses.inProcess("worker", "--redis", "http://user:s3cret@host:1",
                "--mongo", "mongodb://127.0.0.1:1");
        assertBadUsage(run, "redis://");
        assertThat(run.err()).doesNotContain("s3cret");
    }

    @Test
    void workerRejectsZeroThreads() {
        assertBadUsage(CliProcesses.inProcess("worker", "--redis", "redis://127.0.0.1:1", "--mongo",
                "mongodb://127.0.0.1:1", "--max-threads", "0"), "maxThreads");
    }

    @Test
    void workerRejectsANonPositiveResultTtl() {
        assertBadUsage(CliProcesses.inProcess("worker", "--redis", "redis://127.0.0.1:1", "--mongo",
                "mongodb://127.0.0.1:1", "--result-ttl-s", "0"), "resultTtl");
    }

    @Test
    void coordinatorRejectsABadNamespace() {
        assertBadUsage(CliProcesses.inProcess("coordinator", "--redis", "redis://127.0.0.1:1", "--namespace",
                "no spaces"), "--namespace");
    }

    @Test
    void coordinatorRejectsAPartitionCountOutOfRange() {
        assertBadUsage(CliProcesses.inProcess("coordinator", "--redis", "redis://127.0.0.1:1", "--partitions", "0"),
                "partitions");
    }

    @Test
    void upNeedsAtLeastOneWorker() {
        assertBadUsage(CliProcesses.inProcess("up", "--workers", "0"), "--workers must be 1-64");
    }

    @Test
    void upRequiresTheWorkerCount() {
        assertBadUsage(CliProcesses.inProcess("up"), "--workers");
    }

    @Test
    void poolAloneIsBadUsage() {
        assertBadUsage(CliProcesses.inProcess("pool"), "missing pool command");
    }

    @Test
    void poolResizeToZeroIsBadUsage() {
        assertBadUsage(CliProcesses.inProcess("pool", "resize", "0", "--redis", "redis://127.0.0.1:1"),
                "pool size must be between");
    }

    @Test
    void statusWithANegativeSampleIsBadUsage() {
        assertBadUsage(CliProcesses.inProcess("status", "--redis", "redis://127.0.0.1:1", "--sample", "-1"),
                "--sample");
    }
}
