package io.github.arcticasync.internal.transport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RetryLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("retry-log-test");
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RetryLog retries = new RetryLog(logger, "w1 - posting results", false, nanos::get);

    @BeforeEach
    void listen() {
        logger.setLevel(Level.DEBUG);
        seen.start();
        logger.addAppender(seen);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(seen);
        logger.setLevel(null);
    }

    private List<String> at(Level level) {
        return seen.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void secondsPass(long seconds) {
        nanos.addAndGet(seconds * 1_000_000_000L);
    }

    @Test
    void anOutageOfAMinuteRetriedEverySecondWritesItsStartASummaryAndItsEnd() {
        IOException down = new IOException("Connection refused");
        for (int i = 0; i < 60; i++) {
            retries.failed(down, "retrying in 1000 ms");
            secondsPass(1);
        }
        retries.succeeded();

        assertThat(at(Level.WARN)).containsExactly(
                "w1 - posting results failed, retrying in 1000 ms: java.io.IOException: Connection refused",
                "w1 - posting results still failing: 31 attempts in PT30S, retrying in 1000 ms: "
                        + "java.io.IOException: Connection refused",
                "w1 - posting results works again after 60 failed attempts in PT1M");
        assertThat(at(Level.DEBUG)).hasSize(58);
        assertThat(retries.failures()).isZero();
    }

    @Test
    void successWithoutFailuresLogsNothingAndANewRunWarnsAgain() {
        retries.succeeded();
        assertThat(seen.list).isEmpty();

        retries.failed(new IllegalStateException("x"), "retrying next heartbeat");
        retries.succeeded();
        retries.failed(new IllegalStateException("y"), "retrying next heartbeat");

        assertThat(at(Level.WARN)).containsExactly(
                "w1 - posting results failed, retrying next heartbeat: java.lang.IllegalStateException: x",
                "w1 - posting results works again after 1 failed attempts in PT0S",
                "w1 - posting results failed, retrying next heartbeat: java.lang.IllegalStateException: y");
        assertThat(retries.failures()).isEqualTo(1);
    }

    @Test
    void aFailureThatChangesMidRunIsLoggedAtOnce() {
        for (int i = 0; i < 3; i++) {
            retries.failed(new IOException("Connection refused"), "retrying in 1000 ms");
            secondsPass(1);
        }
        retries.failed(new IllegalStateException("NOPERM this user has no permissions"), "retrying in 1000 ms");
        retries.failed(new IllegalStateException("NOPERM this user has no permissions"), "retrying in 1000 ms");

        assertThat(at(Level.WARN)).containsExactly(
                "w1 - posting results failed, retrying in 1000 ms: java.io.IOException: Connection refused",
                "w1 - posting results failed differently (attempt 4 in PT3S), retrying in 1000 ms: "
                        + "java.lang.IllegalStateException: NOPERM this user has no permissions");
        assertThat(at(Level.DEBUG)).hasSize(3);
    }

    @Test
    void aLoopWhoseFailuresMayBeBugsLogsEachNewOneWithItsStackTrace() {
        RetryLog tick = new RetryLog(logger, "c1 - coordinator tick", true, nanos::get);
        tick.failed(new NullPointerException("bug"), "retrying next heartbeat");
        tick.failed(new NullPointerException("bug"), "retrying next heartbeat");

        tick.failed(new IllegalStateException("another bug"), "retrying next heartbeat");

        List<ILoggingEvent> warnings = seen.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings).allSatisfy(w -> assertThat(w.getThrowableProxy()).isNotNull());
        assertThat(warnings.get(0).getThrowableProxy().getMessage()).isEqualTo("bug");
        assertThat(warnings.get(1).getThrowableProxy().getMessage()).isEqualTo("another bug");
    }
}
