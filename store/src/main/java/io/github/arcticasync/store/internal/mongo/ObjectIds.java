package io.github.arcticasync.store.internal.mongo;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.bson.types.ObjectId;

/** ObjectIds as time stamps: new ids from the store's clock, and {@code ObjectId.from_datetime} lower bounds. */
final class ObjectIds {
    private ObjectIds() {
    }

    /** A fresh id whose timestamp is the clock's current second (version and snapshot ids are client-made). */
    static ObjectId next(Clock clock) {
        return new ObjectId(Date.from(clock.instant()));
    }

    /** Python's {@code ObjectId.from_datetime}: the whole second, all other bytes zero. */
    static ObjectId fromSeconds(long epochSeconds) {
        return new ObjectId(ByteBuffer.allocate(12).putInt((int) epochSeconds).array());
    }

    static Instant time(ObjectId id) {
        return Instant.ofEpochSecond(id.getTimestamp() & 0xFFFFFFFFL);
    }
}
