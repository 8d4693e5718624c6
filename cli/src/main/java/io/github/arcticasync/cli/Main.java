package io.github.arcticasync.cli;

import io.github.arcticasync.internal.transport.SafeUrls;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code arctic-async} executable: a picocli command whose subcommands are the product's commands.
 *
 * <p>Exit codes follow API.md §3: {@value #EXIT_OK} on success, {@value #EXIT_USAGE} on bad usage (with a one-line
 * reason on stderr), {@value #EXIT_FAILURE} when a command fails.
 */
@Command(name = "arctic-async",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Arctic store operations run asynchronously: in one JVM, or across Redis-connected workers.",
        footer = {"", "Exit codes: 0 success, 2 bad usage, 1 failure."})
public final class Main implements Runnable {

    /** The command succeeded. */
    public static final int EXIT_OK = 0;
    /** The command ran and failed. */
    public static final int EXIT_FAILURE = 1;
    /** The command line was wrong; nothing was done. */
    public static final int EXIT_USAGE = 2;

    /**
     * The subcommands, in the order {@code --help} lists them. This is the one place a new command is registered;
     * {@code bench} comes with the bench module. Only commands that work are listed here.
     */
    static List<Object> commands() {
        return List.of(new DemoCommand(), new WorkerCommand(), new CoordinatorCommand(), new UpCommand(),
                new StatusCommand(), new PoolCommand(), new DeadLettersCommand());
    }

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs one command line in this JVM, printing to this process's stdout and stderr.
     *
     * @return the exit code
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * A fresh command line with every subcommand and the exit-code handlers; callers may redirect its output with
     * {@link CommandLine#setOut} / {@link CommandLine#setErr} before {@link CommandLine#execute}.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // No @file arguments: the commands take none, a value starting with '@' is a value, and what picocli read from
        // a file would reach a usage error unmasked.
        cli.setExpandAtFiles(false);
        for (Object command : commands()) {
            cli.addSubcommand(command);
        }
        cli.setExitCodeExceptionMapper(e -> e instanceof ParameterException ? EXIT_USAGE : EXIT_FAILURE);
        cli.setParameterExceptionHandler(Main::badUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, commandLine));
        return cli;
    }

    /** With no subcommand there is nothing to do: that is bad usage. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    private static int badUsage(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(maskArguments(e.getMessage(), args))
                + " (see '" + commandLine.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    /**
     * {@code message} with every argument it quotes masked by {@link SafeUrls#mask}: picocli's own messages quote
     * what they could not use (an unknown option, an unmatched argument, a value that is not a number), which may be
     * a URL with a password, such as {@code --mongo URL} given to a command without {@code --mongo}.
     */
    static String maskArguments(String message, String[] args) {
        if (message == null) {
            return null;
        }
        String shown = message;
        for (String arg : args) {
            // "--option=value" is quoted whole, or only its value when that is what picocli refused.
            int equals = arg.startsWith("-") ? arg.indexOf('=') : -1;
            for (String quoted : equals < 0 ? List.of(arg) : List.of(arg, arg.substring(equals + 1))) {
                String masked = SafeUrls.mask(quoted);
                if (!masked.equals(quoted)) {
                    shown = shown.replace(quoted, masked);
                }
            }
        }
        return shown;
    }

    private static int failed(Exception e, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": failed: " + describe(e));
        if (Boolean.getBoolean("arctic.async.stacktrace") || System.getenv("ARCTIC_ASYNC_STACKTRACE") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** The exception's type and message, and its root cause when that says something different. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + oneLine(String.valueOf(e.getMessage()));
        // Drivers often repeat the cause's message in their own; saying it twice only makes the line longer.
        if (root != e && !text.contains(oneLine(String.valueOf(root.getMessage())))) {
            text += " (caused by " + root.getClass().getSimpleName() + ": " + oneLine(String.valueOf(root.getMessage()))
                    + ")";
        }
        return text;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
