package io.github.arcticasync.cli;

/** The demo saw something other than what the product promises (a wrong value, a missing error); exit code 1. */
final class DemoFailedException extends RuntimeException {

    DemoFailedException(String message) {
        super(message);
    }
}
