package io.github.arcticasync.cli;

import io.github.arcticasync.internal.transport.SafeUrls;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code arctic-async demo}: the seed's usage examples end to end, on an embedded MongoDB whose data persists in a
 * folder, or on a real one with {@code --mongo}.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs the arctic.asynchronous usage examples end to end: batch writes, concurrent reads, mixed requests,",
            "error handling (a missing symbol, a timeout), a pool reset and the has_symbol rate; prints each step",
            "and a summary. Needs nothing but a JDK: by default it starts an embedded MongoDB whose data is kept",
            "in --data-dir. With --redis URL --mongo URL it runs the same steps on a cluster's workers."})
final class DemoCommand implements Callable<Integer> {

    /** The default data folder of the embedded MongoDB, under the user's home so any working directory finds it. */
    static final Path DEFAULT_DATA_DIR = Paths.get(System.getProperty("user.home"), ".arctic-async", "demo");

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the embedded MongoDB's data, kept between runs (default: ~/.arctic-async/demo).")
    private Path dataDir;

    @Option(names = "--mongo", paramLabel = "URL",
            description = "Use this MongoDB (mongodb://...) instead of the embedded one.")
    private String mongoUrl;

    @Option(names = "--redis", paramLabel = "URL",
            description = {"Submit to the Redis cluster at this URL instead of an in-JVM pool; its workers run the",
                "requests (start them with 'arctic-async up' or 'arctic-async worker'). Needs --mongo: the MongoDB",
                "the workers use, where the demo creates its library."})
    private String redisUrl;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "The cluster namespace with --redis (default: 'default').")
    private String namespace;

    @Option(names = "--library", paramLabel = "NAME", defaultValue = "async_demo",
            description = "Arctic library to write to (default: ${DEFAULT-VALUE}).")
    private String library;

    @Option(names = "--pool-size", paramLabel = "N",
            description = "Size of the in-JVM pool (default: the pool's own default).")
    private Integer poolSize;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "5000",
            description = "Rows per written symbol (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--plain", description = "Plain progress lines even on a terminal (always so when CI=true).")
    private boolean plain;

    @Override
    public Integer call() {
        Demo demo = new Demo(settings(), spec.commandLine().getOut());
        DemoSummary summary = demo.run();
        if (summary.errors() != summary.expectedErrors()) {
            throw new DemoFailedException(summary.errors() + " requests failed; " + summary.expectedErrors()
                    + " failure(s) were provoked on purpose");
        }
        return Main.EXIT_OK;
    }

    /** The options as checked settings; a contradiction or out-of-range value is bad usage (exit code 2). */
    private DemoSettings settings() {
        if (redisUrl != null && mongoUrl == null) {
            throw usage("--redis needs --mongo URL: the MongoDB the cluster's workers use (the demo creates its library"
                    + " there); 'arctic-async up' prints both");
        }
        if (redisUrl == null && namespace != null) {
            throw usage("--namespace applies to a cluster: give --redis too");
        }
        if (redisUrl != null && poolSize != null) {
            throw usage("--pool-size sizes the in-JVM pool; resize a cluster with 'arctic-async pool resize N'");
        }
        if (redisUrl != null) {
            try {
                io.github.arcticasync.internal.transport.redis.RedisUrl.parse(redisUrl);
            } catch (IllegalArgumentException e) {
                throw usage("--redis: " + e.getMessage());
            }
        }
        if (mongoUrl != null && dataDir != null) {
            throw usage("--mongo and --data-dir exclude each other: --data-dir is the embedded MongoDB's folder");
        }
        if (mongoUrl != null && !(mongoUrl.startsWith("mongodb://") || mongoUrl.startsWith("mongodb+srv://"))) {
            throw usage("--mongo must be a mongodb:// or mongodb+srv:// URL, was '" + SafeUrls.mask(mongoUrl) + "'");
        }
        Path dir = mongoUrl == null ? (dataDir == null ? DEFAULT_DATA_DIR : dataDir) : null;
        try {
            return new DemoSettings(dir, mongoUrl, library, poolSize, rows, !plain && Progress.terminalWantsBar(),
                    redisUrl, redisUrl == null ? null : namespace == null ? RedisOptions.DEFAULT_NAMESPACE : namespace);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
