package io.github.arcticasync.bench.jmh;

import io.github.arcticasync.bench.Frames;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.internal.codec.EncodedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ItemCodec on the benchmark frame (datetime index + four float64 columns): DataFrame → numpy records and back, the
 * CPU part of every store write and read that does not depend on MongoDB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CodecBenchmark {

    @Param("1000000")
    public int rows;

    private DataFrame frame;
    private EncodedItem encoded;

    @Setup
    public void setUp() {
        frame = Frames.prices(rows, 42);
        encoded = ItemCodec.encode(frame);
    }

    @Benchmark
    public EncodedItem encode() {
        return ItemCodec.encode(frame);
    }

    @Benchmark
    public Object decode() {
        return ItemCodec.decode(encoded.type(), encoded.dtype(), encoded.dtypeMetadata(), encoded.shape(),
                encoded.rows(), encoded.rowCount());
    }
}
