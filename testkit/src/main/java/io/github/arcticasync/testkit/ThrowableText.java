package io.github.arcticasync.testkit;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** What an exception would show wherever it is printed: for tests that a secret appears nowhere in it. */
public final class ThrowableText {
    private ThrowableText() {
    }

    /**
     * The {@code toString()} of {@code error} and of every cause, one per line: what a log line or the CLI's failure
     * line may print of it, whichever level of the chain it picks.
     */
    public static String ofChain(Throwable error) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
