package io.github.arcticasync.store;

import java.util.Objects;

/**
 * A stored item that Java cannot turn into a value (for example a Python-pickled object), saying why.
 *
 * <p>It is what {@link VersionedItem#data()} holds for such items, so that reads of metadata, versions and snapshots
 * still work for them.
 */
public final class UnreadableItem {
    private final String storedType;
    private final String reason;
    private final byte[] rawBytes;

    private UnreadableItem(String storedType, String reason, byte[] rawBytes) {
        this.storedType = storedType;
        this.reason = reason;
        this.rawBytes = rawBytes;
    }

    /**
     * An unreadable item.
     *
     * @param storedType the version document's {@code type}, e.g. {@code default}
     * @param reason     why Java cannot read it, e.g. "pickled Python object"
     * @param rawBytes   the stored bytes (e.g. the pickle), or {@code null} when there are none
     */
    public static UnreadableItem of(String storedType, String reason, byte[] rawBytes) {
        Objects.requireNonNull(storedType, "storedType must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        return new UnreadableItem(storedType, reason, rawBytes == null ? null : rawBytes.clone());
    }

    /** The version document's {@code type} field. */
    public String storedType() {
        return storedType;
    }

    public String reason() {
        return reason;
    }

    /** A copy of the stored bytes, or {@code null} when there are none. */
    public byte[] rawBytes() {
        return rawBytes == null ? null : rawBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnreadableItem u && storedType.equals(u.storedType) && reason.equals(u.reason)
                && java.util.Arrays.equals(rawBytes, u.rawBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storedType, reason, java.util.Arrays.hashCode(rawBytes));
    }

    @Override
    public String toString() {
        return "UnreadableItem[type=" + storedType + ", reason=" + reason
                + (rawBytes == null ? "" : ", " + rawBytes.length + " bytes") + "]";
    }
}
