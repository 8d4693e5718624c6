package io.github.arcticasync.bench.jmh;

import io.github.arcticasync.bench.Frames;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import io.github.arcticasync.store.internal.codec.Lz4Blocks;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lz4Blocks on one segment's worth of benchmark rows (Arctic's 2,095,104-byte chunk, arctic-format.md §2.8): the
 * compression every segment write pays and the decompression every segment read pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Lz4Benchmark {

    private static final int CHUNK_BYTES = 2 * 1024 * 1024 - 2048;

    // What the store's SegmentReader decompresses with (SegmentCompression): in this lz4-java fork the "fast"
    // decompressor is a pure-Java implementation even when JNI is available, so it is measured beside Lz4Blocks'.
    private static final LZ4FastDecompressor FAST = LZ4Factory.fastestInstance().fastDecompressor();

    private byte[] chunk;
    private byte[] compressed;

    @Setup
    public void setUp() {
        int rowsPerChunk = CHUNK_BYTES / Frames.ROW_BYTES + 1;
        byte[] rows = ItemCodec.encode(Frames.prices(rowsPerChunk, 42)).rows();
        chunk = Arrays.copyOf(rows, rowsPerChunk * Frames.ROW_BYTES);
        compressed = Lz4Blocks.compress(chunk);
    }

    @Benchmark
    public byte[] compressSegment() {
        return Lz4Blocks.compress(chunk);
    }

    @Benchmark
    public byte[] decompressSegment() {
        return Lz4Blocks.decompress(compressed);
    }

    @Benchmark
    public byte[] decompressSegmentFastDecompressor() {
        byte[] out = new byte[chunk.length];
        FAST.decompress(compressed, 4, out, 0, out.length);
        return out;
    }
}
