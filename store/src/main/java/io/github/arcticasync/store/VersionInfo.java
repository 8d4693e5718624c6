package io.github.arcticasync.store;

import java.time.Instant;
import java.util.List;

/**
 * One entry of {@link VersionStore#listVersions(String)}: a version of a symbol and the snapshots holding it.
 *
 * @param createdAt the timestamp of the version document's ObjectId, as Arctic reports it
 */
public record VersionInfo(String symbol, int version, boolean deleted, List<String> snapshots, Instant createdAt) {
    public VersionInfo {
        snapshots = List.copyOf(snapshots);
    }
}
