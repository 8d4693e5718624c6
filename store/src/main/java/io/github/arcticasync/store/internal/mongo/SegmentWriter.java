package io.github.arcticasync.store.internal.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.DataIntegrityException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * Writes segment documents (arctic-format.md §2.7, §2.10): chunks packed rows, compresses the chunks (in parallel),
 * keys them by SHA-1 and upserts them with one unordered bulk write, shared segments gaining a parent only.
 */
final class SegmentWriter {
    /** {@code _CHUNK_SIZE}: bytes of raw rows per compressed segment, plus one row. */
    static final int CHUNK_SIZE = 2 * 1024 * 1024 - 2048;
    private static final int BULK_ATTEMPTS = 3;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final LibraryCollections c;

    SegmentWriter(LibraryCollections c) {
        this.c = c;
    }

    static int rowsPerChunk(int rowSize) {
        if (rowSize <= 0) {
            throw new ArcticException("cannot chunk rows of " + rowSize + " bytes");
        }
        return CHUNK_SIZE / rowSize + 1;
    }

    /**
     * Writes rows {@code [0, rowCount)} of {@code rows} as compressed segments owned by {@code versionId}, numbered
     * as rows {@code offset ..} of the version. Returns the segment numbers written, in order.
     */
    long[] writeCompressed(String symbol, ObjectId versionId, byte[] rows, int rowSize, int rowCount, long offset,
                           boolean previousExists) {
        if (rowCount == 0) {
            return new long[0];
        }
        int perChunk = rowsPerChunk(rowSize);
        int chunks = (int) ((rowCount + (long) perChunk - 1) / perChunk);
        long[] segmentNumbers = new long[chunks];
        byte[][] data = new byte[chunks][];
        byte[][] shas = new byte[chunks][];
        IntStream range = IntStream.range(0, chunks);
        if (chunks > 1) {
            range = range.parallel();
        }
        range.forEach(i -> {
            int firstRow = i * perChunk;
            int lastRow = (int) Math.min((long) (i + 1) * perChunk - 1, rowCount - 1);
            segmentNumbers[i] = lastRow + offset;
            data[i] = SegmentCompression.compress(rows, firstRow * rowSize, (lastRow - firstRow + 1) * rowSize);
            shas[i] = Hashes.segmentSha(symbol, segmentNumbers[i], data[i], true);
        });
        Set<ByteBuffer> known = previousExists ? knownShas(symbol) : Set.of();
        List<WriteModel<Document>> ops = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            Binary sha = new Binary(shas[i]);
            Object segment = BsonInts.py(segmentNumbers[i]);
            Document filter = new Document("symbol", symbol).append("sha", sha).append("segment", segment);
            Document addParent = new Document("parent", versionId);
            if (known.contains(ByteBuffer.wrap(shas[i]))) {
                ops.add(new UpdateOneModel<>(filter, new Document("$addToSet", addParent)));
            } else {
                Document set = new Document("data", new Binary(data[i])).append("compressed", true)
                        .append("segment", segment).append("sha", sha);
                ops.add(new UpdateOneModel<>(filter, new Document("$set", set).append("$addToSet", addParent),
                        UPSERT));
            }
        }
        bulkWrite(ops);
        return segmentNumbers;
    }

    private void bulkWrite(List<WriteModel<Document>> ops) {
        for (int attempt = 1; ; attempt++) {
            try {
                c.segments().bulkWrite(ops, new BulkWriteOptions().ordered(false));
                return;
            } catch (MongoException e) {
                // Two writers upserting the same new content race on the unique (symbol, sha) index; the loser's
                // retry finds the winner's document and only adds its parent.
                if (!MongoErrors.isDuplicateKey(e) || attempt >= BULK_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Set<ByteBuffer> knownShas(String symbol) {
        Set<ByteBuffer> shas = new HashSet<>();
        for (Document d : c.segments().find(new Document("symbol", symbol))
                .projection(Projections.fields(Projections.include("sha"), Projections.excludeId()))) {
            Object sha = d.get("sha");
            if (sha instanceof Binary b) {
                shas.add(ByteBuffer.wrap(b.getData()));
            }
        }
        return shas;
    }

    /**
     * A cheap append's uncompressed segment (arctic-format.md §2.11), parented by the base version. Returns false
     * when the key is taken by different content (a forked history), so the caller rewrites instead.
     */
    boolean writeUncompressed(String symbol, ObjectId base, byte[] rows, long segment) {
        byte[] sha = Hashes.segmentSha(symbol, segment, rows, false);
        Document set = new Document("data", new Binary(rows)).append("compressed", false)
                .append("segment", BsonInts.py(segment));
        try {
            c.segments().updateOne(new Document("symbol", symbol).append("sha", new Binary(sha)),
                    new Document("$set", set).append("$addToSet", new Document("parent", base)), UPSERT);
            return true;
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Arctic's {@code check_written}: the version must own exactly {@code expected} segments. */
    void checkWritten(String symbol, ObjectId owner, int expected) {
        long seen = c.segments().countDocuments(new Document("symbol", symbol).append("parent", owner));
        if (seen != expected) {
            throw new DataIntegrityException("Failed to write all the chunks of " + symbol + " in "
                    + c.name().canonicalName() + ": saw " + seen + " expecting " + expected);
        }
    }

    /** Best effort after a failed write: detaches segments from a version that will never be inserted. */
    void discard(String symbol, ObjectId versionId) {
        try {
            c.segments().updateMany(new Document("symbol", symbol).append("parent", versionId),
                    new Document("$pull", new Document("parent", versionId)));
            c.segments().deleteMany(new Document("symbol", symbol).append("parent", List.of()));
        } catch (MongoException ignored) {
            // Orphans are invisible to readers (they read by parent) and Arctic's fsck removes them later.
        }
    }
}
