package io.github.arcticasync.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code arctic-async} commands for tests: in this JVM, or as child JVMs on the test class path. */
final class CliProcesses {

    /** JVM options of the child JVMs: small heaps and quick start-up on a 2-core machine. */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto");

    private CliProcesses() {
    }

    /** The exit code and what went to stdout and stderr. */
    record Run(int exitCode, String out, String err) {
    }

    /** Runs one command line in this JVM. */
    static Run inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A command running in a child JVM, its merged output going to {@code log}. */
    record Child(Process process, Path log) {
        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<cannot read " + log + ": " + e + ">";
            }
        }
    }

    /** Starts {@code java -cp <test class path> io.github.arcticasync.cli.Main args...}. */
    static Child start(String name, Map<String, String> environment, String... args) throws IOException {
        Path log = Files.createTempFile("cli-" + name + "-", ".log");
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(CHILD_JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new Child(builder.start(), log);
    }
}
