package io.github.arcticasync.internal.transport.redis;

/**
 * The layout of the dead-letter stream ({@code Keys#deadLetters()}): its entries' field names and its length. Written
 * by workers, read by {@code arctic-async dead-letters}. The request envelope, when the entry had one, is under
 * {@link DataPlaneKeys#ENVELOPE}.
 */
public final class DeadLetterFields {
    /** Entries the stream keeps, approximately ({@code XADD MAXLEN ~}); the oldest go first. */
    public static final int KEPT = 10_000;

    /** The partition's request stream the entry came from. */
    public static final String STREAM = "stream";
    /** The entry's id in that stream. */
    public static final String ENTRY = "entry";
    /** The request id, empty when the entry had none. */
    public static final String REQUEST = "request";
    /** Why it will never run. */
    public static final String REASON = "reason";
    /** How many times it had been delivered. */
    public static final String DELIVERIES = "deliveries";
    /** The worker that dead-lettered it. */
    public static final String WORKER = "worker";

    private DeadLetterFields() {
    }
}
