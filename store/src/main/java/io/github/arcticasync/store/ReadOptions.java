package io.github.arcticasync.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How to read a symbol: which version ({@code asOf} a number, a snapshot name or a time), which rows
 * ({@code dateRange}) and from which earlier version's end ({@code fromVersion}).
 * At most one {@code asOf} form may be set.
 */
public final class ReadOptions {
    private static final ReadOptions LATEST = builder().build();

    private final Integer asOfVersion;
    private final String asOfSnapshot;
    private final Instant asOfTime;
    private final DateRange dateRange;
    private final Integer fromVersion;

    private ReadOptions(Builder b) {
        this.asOfVersion = b.asOfVersion;
        this.asOfSnapshot = b.asOfSnapshot;
        this.asOfTime = b.asOfTime;
        this.dateRange = b.dateRange;
        this.fromVersion = b.fromVersion;
    }

    /** Options that read the latest version, all rows. */
    public static ReadOptions latest() {
        return LATEST;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The version number to read, or null. */
    public Integer asOfVersion() {
        return asOfVersion;
    }

    /** The snapshot to read from, or null. */
    public String asOfSnapshot() {
        return asOfSnapshot;
    }

    /** Read the newest version created at or before this time (to the second, as Arctic), or null. */
    public Instant asOfTime() {
        return asOfTime;
    }

    public DateRange dateRange() {
        return dateRange;
    }

    /** Read only the rows added after this version of the same symbol, or null. */
    public Integer fromVersion() {
        return fromVersion;
    }

    /** True when no {@code asOf} form is set. */
    public boolean isLatest() {
        return asOfVersion == null && asOfSnapshot == null && asOfTime == null;
    }

    @Override
    public String toString() {
        return "ReadOptions[asOfVersion=" + asOfVersion + ", asOfSnapshot=" + asOfSnapshot + ", asOfTime=" + asOfTime
                + ", dateRange=" + dateRange + ", fromVersion=" + fromVersion + "]";
    }

    /** Builds {@link ReadOptions}; each setter validates its argument. */
    public static final class Builder {
        private Integer asOfVersion;
        private String asOfSnapshot;
        private Instant asOfTime;
        private DateRange dateRange;
        private Integer fromVersion;

        private Builder() {
        }

        public Builder asOf(int version) {
            if (version < 1) {
                throw new IllegalArgumentException("asOf version must be >= 1, was " + version);
            }
            clearAsOf();
            this.asOfVersion = version;
            return this;
        }

        public Builder asOf(String snapshotName) {
            Objects.requireNonNull(snapshotName, "asOf snapshot name must not be null");
            if (snapshotName.isEmpty()) {
                throw new IllegalArgumentException("asOf snapshot name must not be empty");
            }
            clearAsOf();
            this.asOfSnapshot = snapshotName;
            return this;
        }

        public Builder asOf(Instant time) {
            Objects.requireNonNull(time, "asOf time must not be null");
            clearAsOf();
            this.asOfTime = time;
            return this;
        }

        public Builder dateRange(DateRange range) {
            this.dateRange = Objects.requireNonNull(range, "dateRange must not be null");
            return this;
        }

        public Builder fromVersion(int version) {
            if (version < 1) {
                throw new IllegalArgumentException("fromVersion must be >= 1, was " + version);
            }
            this.fromVersion = version;
            return this;
        }

        private void clearAsOf() {
            asOfVersion = null;
            asOfSnapshot = null;
            asOfTime = null;
        }

        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
