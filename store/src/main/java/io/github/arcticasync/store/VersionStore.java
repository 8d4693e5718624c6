package io.github.arcticasync.store;

import java.util.List;
import java.util.Map;

/**
 * One Arctic VersionStore library: versioned symbols of {@link DataFrame}s, {@link Series} and {@link NdArray}s,
 * stored in Python Arctic's MongoDB layout so that Python and Java share one database.
 * Obtain one from {@link Arctic#getLibrary(String)}. Implementations are thread-safe.
 */
public interface VersionStore {

    /** The canonical library name, e.g. {@code arctic_jdoe.prices}. */
    String libraryName();

    VersionedItem read(String symbol);

    VersionedItem read(String symbol, ReadOptions options);

    /** The version's metadata without its data ({@code data() == null}). */
    VersionedItem readMetadata(String symbol);

    VersionedItem readMetadata(String symbol, ReadOptions options);

    VersionedItem write(String symbol, Object data);

    VersionedItem write(String symbol, Object data, Map<String, Object> metadata);

    VersionedItem write(String symbol, Object data, Map<String, Object> metadata, boolean prunePreviousVersion);

    VersionedItem append(String symbol, Object data);

    VersionedItem append(String symbol, Object data, Map<String, Object> metadata);

    VersionedItem append(String symbol, Object data, Map<String, Object> metadata, boolean prunePreviousVersion);

    /** Append; with {@code upsert == false} a missing symbol is a {@link NoDataFoundException}. */
    VersionedItem append(String symbol, Object data, Map<String, Object> metadata, boolean prunePreviousVersion,
                         boolean upsert);

    /** A new version sharing the latest version's data, with new metadata. */
    VersionedItem writeMetadata(String symbol, Map<String, Object> metadata);

    VersionedItem writeMetadata(String symbol, Map<String, Object> metadata, boolean prunePreviousVersion);

    boolean hasSymbol(String symbol);

    boolean hasSymbol(String symbol, ReadOptions options);

    /** Live (not deleted) symbols, sorted. */
    List<String> listSymbols();

    List<String> listSymbols(String regex);

    List<String> listSymbols(ListSymbolsOptions options);

    /** The versions of one symbol, newest first, including delete markers. */
    List<VersionInfo> listVersions(String symbol);

    /** The versions of every live symbol. */
    List<VersionInfo> listVersions();

    /** The versions of one symbol ({@code null} = every symbol) held by a snapshot ({@code null} = any). */
    List<VersionInfo> listVersions(String symbol, String snapshot, boolean latestOnly);

    /** Marks the symbol deleted; versions held by snapshots survive. */
    void delete(String symbol);

    void snapshot(String name);

    void snapshot(String name, Map<String, Object> metadata);

    /**
     * Snapshots the latest version of every live symbol except {@code skipSymbols}, or the versions named in
     * {@code versions} for those symbols.
     */
    void snapshot(String name, Map<String, Object> metadata, List<String> skipSymbols, Map<String, Integer> versions);

    /** Snapshot name to snapshot metadata (an empty map when the snapshot has none). */
    Map<String, Map<String, Object>> listSnapshots();

    void deleteSnapshot(String name);

    /** Makes {@code version} the latest again by writing it as a new version (a no-op when it is the latest). */
    VersionedItem restoreVersion(String symbol, int version);

    VersionedItem restoreVersion(String symbol, String snapshotName);

    /** Arctic's {@code get_info}: type, handler, rows, size, segment_count, dtype (and col_names for pandas). */
    Map<String, Object> getInfo(String symbol);

    Map<String, Object> getInfo(String symbol, ReadOptions options);

    /** Arctic's {@code stats()}: collection statistics for the library's collections and their totals. */
    Map<String, Object> stats();
}
