/**
 * The {@code arctic-async} command line: {@link io.github.arcticasync.cli.Main} and one picocli class per command.
 *
 * <p>Commands parse arguments and call into the modules; the demo's script lives in {@link
 * io.github.arcticasync.cli.Demo} so that it reads like the seed's usage examples. Exit codes: 0 success, 2 bad
 * usage, 1 failure.
 */
package io.github.arcticasync.cli;
