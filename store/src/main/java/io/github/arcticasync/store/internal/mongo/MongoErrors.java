package io.github.arcticasync.store.internal.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.ArcticSerializationException;
import io.github.arcticasync.store.OptimisticLockException;
import java.util.function.Supplier;
import org.bson.codecs.configuration.CodecConfigurationException;

/** Translates MongoDB driver exceptions into the Arctic exception tree at the store's boundary. */
final class MongoErrors {
    static final int DUPLICATE_KEY = 11000;

    private MongoErrors() {
    }

    /** True when the exception (or one of its bulk errors) is a duplicate key error. */
    static boolean isDuplicateKey(Throwable e) {
        if (e instanceof MongoBulkWriteException bulk) {
            for (BulkWriteError err : bulk.getWriteErrors()) {
                if (err.getCode() == DUPLICATE_KEY) {
                    return true;
                }
            }
            return false;
        }
        if (e instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof MongoServerException s) {
            return s.getCode() == DUPLICATE_KEY;
        }
        return false;
    }

    /** Runs {@code body}, translating driver exceptions; {@code what} says which operation failed. */
    static <T> T translate(String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (ArcticException | IllegalArgumentException | NullPointerException e) {
            throw e;
        } catch (CodecConfigurationException e) {
            throw new ArcticSerializationException(what + ": value cannot be encoded as BSON: " + e.getMessage(), e);
        } catch (MongoException e) {
            if (isDuplicateKey(e)) {
                throw new OptimisticLockException(what + ": a concurrent writer created the same key ("
                        + e.getMessage() + ")", e);
            }
            throw new ArcticException(what + ": MongoDB error: " + e.getMessage(), e);
        }
    }

    static void run(String what, Runnable body) {
        translate(what, () -> {
            body.run();
            return null;
        });
    }
}
