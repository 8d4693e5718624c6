package io.github.arcticasync.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop request of a long-running command: SIGTERM or SIGINT (Ctrl-C).
 *
 * <p>The JVM's own handling of these signals runs shutdown hooks and exits with 143 / 130; a worker that drained
 * cleanly must exit 0 (API.md §3), so the command takes the signals over, does its orderly stop on the main thread and
 * returns its exit code. Where the signal API is missing, a shutdown hook counts the latch down instead (the exit code
 * is then the JVM's).
 */
final class StopSignal {

    private static final Logger log = LoggerFactory.getLogger(StopSignal.class);

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String reason;

    private StopSignal() {
    }

    /** Installs the handlers for TERM and INT; each signal counts the latch down. */
    static StopSignal install() {
        StopSignal signal = new StopSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> signal.request("SIG" + name));
            } catch (RuntimeException | LinkageError e) {
                log.debug("cannot handle SIG{} ({}); relying on a shutdown hook", name, e.toString());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> signal.request("JVM shutdown"),
                        "arctic-async-stop"));
            }
        }
        return signal;
    }

    /** Asks the command to stop (also from code, e.g. when a child it needs has died). */
    void request(String why) {
        if (reason == null) {
            reason = why;
        }
        stop.countDown();
    }

    /** Blocks until a stop is requested. */
    void await() throws InterruptedException {
        stop.await();
    }

    /** Whether a stop has been requested. */
    boolean requested() {
        return stop.getCount() == 0;
    }

    /** What asked for the stop, or null. */
    String reason() {
        return reason;
    }
}
