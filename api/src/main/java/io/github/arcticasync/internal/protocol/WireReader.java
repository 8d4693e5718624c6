package io.github.arcticasync.internal.protocol;

import java.nio.ByteBuffer;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinarySubType;
import org.bson.BsonType;

/**
 * A BSON reader over one envelope's bytes that checks every type and length before trusting it, so that malformed
 * input ends in a {@link ProtocolException} and never in a huge allocation.
 *
 * <p>The driver's reader allocates a binary value's declared length before checking it against the input, so binary
 * values are never read through it: {@link #binarySlice} checks the length and points into the original array.
 */
final class WireReader implements AutoCloseable {
    private final byte[] bytes;
    private final BsonBinaryReader reader;
    private final int maxDepth;

    WireReader(byte[] bytes, int maxDepth) {
        this.bytes = bytes;
        this.reader = new BsonBinaryReader(ByteBuffer.wrap(bytes));
        this.maxDepth = maxDepth;
    }

    BsonBinaryReader bson() {
        return reader;
    }

    byte[] bytes() {
        return bytes;
    }

    void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new ProtocolException("values nest deeper than the limit of " + maxDepth + " levels");
        }
    }

    /** Advances to the next field of the current document; false at its end. */
    boolean nextField() {
        return reader.readBsonType() != BsonType.END_OF_DOCUMENT;
    }

    /** Advances to the next element of the current array; false at its end. */
    boolean nextElement() {
        return reader.readBsonType() != BsonType.END_OF_DOCUMENT;
    }

    BsonType type() {
        return reader.getCurrentBsonType();
    }

    String name() {
        return reader.readName();
    }

    void expect(BsonType expected, String field) {
        BsonType actual = reader.getCurrentBsonType();
        if (actual != expected) {
            throw new ProtocolException("field '" + field + "' must be BSON " + expected + ", was " + actual);
        }
    }

    String string(String field) {
        expect(BsonType.STRING, field);
        return reader.readString();
    }

    /** A string or null. */
    String nullableString(String field) {
        if (reader.getCurrentBsonType() == BsonType.NULL) {
            reader.readNull();
            return null;
        }
        return string(field);
    }

    int int32(String field) {
        expect(BsonType.INT32, field);
        return reader.readInt32();
    }

    /** An int32 or null. */
    Integer nullableInt32(String field) {
        if (reader.getCurrentBsonType() == BsonType.NULL) {
            reader.readNull();
            return null;
        }
        return int32(field);
    }

    long int64(String field) {
        expect(BsonType.INT64, field);
        return reader.readInt64();
    }

    /** An int64 or null. */
    Long nullableInt64(String field) {
        if (reader.getCurrentBsonType() == BsonType.NULL) {
            reader.readNull();
            return null;
        }
        return int64(field);
    }

    boolean bool(String field) {
        expect(BsonType.BOOLEAN, field);
        return reader.readBoolean();
    }

    void startDocument(String field) {
        expect(BsonType.DOCUMENT, field);
        reader.readStartDocument();
    }

    void startArray(String field) {
        expect(BsonType.ARRAY, field);
        reader.readStartArray();
    }

    void endDocument() {
        reader.readEndDocument();
    }

    void endArray() {
        reader.readEndArray();
    }

    void skip() {
        reader.skipValue();
    }

    /**
     * The current binary value (generic subtype only) as {offset, length} into {@link #bytes()}, after checking that
     * the declared length lies inside the input; the reader moves past it.
     */
    int[] binarySlice(String field) {
        expect(BsonType.BINARY, field);
        // Value layout: int32 length, subtype byte, payload.
        int position = reader.getBsonInput().getPosition();
        if (position < 0 || bytes.length - position < 5) {
            throw new ProtocolException("field '" + field + "' is cut off before its binary length");
        }
        int length = ByteBuffer.wrap(bytes, position, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        int subtype = bytes[position + 4];
        if (length < 0 || length > bytes.length - position - 5) {
            throw new ProtocolException("field '" + field + "' declares " + length + " binary bytes but only "
                    + (bytes.length - position - 5) + " remain");
        }
        if (subtype != BsonBinarySubType.BINARY.getValue()) {
            throw new ProtocolException("field '" + field + "' has binary subtype " + (subtype & 0xFF)
                    + ", only the generic subtype 0 is used");
        }
        reader.skipValue();
        return new int[] {position + 5, length};
    }

    /** The current binary value copied out. */
    byte[] binary(String field) {
        int[] slice = binarySlice(field);
        byte[] out = new byte[slice[1]];
        System.arraycopy(bytes, slice[0], out, 0, slice[1]);
        return out;
    }

    @Override
    public void close() {
        reader.close();
    }
}
