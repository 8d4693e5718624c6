package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.ListSymbolsOptions;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory VersionStore for unit tests of the asynchronous layer: each method runs the behaviour the test set for
 * it (blocking on latches, failing, recording), else returns a plain default. It stores nothing; the store itself is
 * tested against MongoDB in the store module and by the ITs here.
 */
final class ScriptedStore implements VersionStore {
    /** What a method does: gets the symbol (or name) and the remaining arguments. */
    @FunctionalInterface
    interface Behaviour {
        Object run(String symbol, Object[] args) throws Exception;
    }

    private final String library;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    ScriptedStore(String library) {
        this.library = library;
    }

    /** Sets what {@code method} (the Java method name) does. */
    ScriptedStore on(String method, Behaviour behaviour) {
        behaviours.put(method, behaviour);
        return this;
    }

    private Object call(String method, String symbol, Object dflt, Object... args) {
        calls.add(method + " " + symbol);
        Behaviour b = behaviours.get(method);
        if (b == null) {
            return dflt;
        }
        try {
            return b.run(symbol, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private VersionedItem item(String symbol) {
        return new VersionedItem(symbol, library, null, 1, Map.of(), "scripted");
    }

    @Override
    public String libraryName() {
        return library;
    }

    @Override
    public VersionedItem read(String symbol) {
        return read(symbol, ReadOptions.latest());
    }

    @Override
    public VersionedItem read(String symbol, ReadOptions options) {
        return (VersionedItem) call("read", symbol, item(symbol), options);
    }

    @Override
    public VersionedItem readMetadata(String symbol) {
        return readMetadata(symbol, ReadOptions.latest());
    }

    @Override
    public VersionedItem readMetadata(String symbol, ReadOptions options) {
        return (VersionedItem) call("readMetadata", symbol, item(symbol), options);
    }

    @Override
    public VersionedItem write(String symbol, Object data) {
        return write(symbol, data, null, true);
    }

    @Override
    public VersionedItem write(String symbol, Object data, Map<String, Object> metadata) {
        return write(symbol, data, metadata, true);
    }

    @Override
    public VersionedItem write(String symbol, Object data, Map<String, Object> metadata, boolean prune) {
        return (VersionedItem) call("write", symbol, item(symbol), data, metadata, prune);
    }

    @Override
    public VersionedItem append(String symbol, Object data) {
        return append(symbol, data, null, true, true);
    }

    @Override
    public VersionedItem append(String symbol, Object data, Map<String, Object> metadata) {
        return append(symbol, data, metadata, true, true);
    }

    @Override
    public VersionedItem append(String symbol, Object data, Map<String, Object> metadata, boolean prune) {
        return append(symbol, data, metadata, prune, true);
    }

    @Override
    public VersionedItem append(String symbol, Object data, Map<String, Object> metadata, boolean prune,
                                boolean upsert) {
        return (VersionedItem) call("append", symbol, item(symbol), data, metadata, prune, upsert);
    }

    @Override
    public VersionedItem writeMetadata(String symbol, Map<String, Object> metadata) {
        return writeMetadata(symbol, metadata, true);
    }

    @Override
    public VersionedItem writeMetadata(String symbol, Map<String, Object> metadata, boolean prune) {
        return (VersionedItem) call("writeMetadata", symbol, item(symbol), metadata, prune);
    }

    @Override
    public boolean hasSymbol(String symbol) {
        return hasSymbol(symbol, ReadOptions.latest());
    }

    @Override
    public boolean hasSymbol(String symbol, ReadOptions options) {
        return (Boolean) call("hasSymbol", symbol, Boolean.TRUE, options);
    }

    @Override
    public List<String> listSymbols() {
        return listSymbols(ListSymbolsOptions.all());
    }

    @Override
    public List<String> listSymbols(String regex) {
        return listSymbols(ListSymbolsOptions.builder().regex(regex).build());
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<String> listSymbols(ListSymbolsOptions options) {
        return (List<String>) call("listSymbols", null, List.of(), options);
    }

    @Override
    public List<VersionInfo> listVersions(String symbol) {
        return listVersions(symbol, null, false);
    }

    @Override
    public List<VersionInfo> listVersions() {
        return listVersions(null, null, false);
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<VersionInfo> listVersions(String symbol, String snapshot, boolean latestOnly) {
        return (List<VersionInfo>) call("listVersions", symbol, List.of(), snapshot, latestOnly);
    }

    @Override
    public void delete(String symbol) {
        call("delete", symbol, null);
    }

    @Override
    public void snapshot(String name) {
        snapshot(name, null, null, null);
    }

    @Override
    public void snapshot(String name, Map<String, Object> metadata) {
        snapshot(name, metadata, null, null);
    }

    @Override
    public void snapshot(String name, Map<String, Object> metadata, List<String> skip, Map<String, Integer> versions) {
        call("snapshot", name, null, metadata, skip, versions);
    }

    @SuppressWarnings("unchecked")
    @Override
    public Map<String, Map<String, Object>> listSnapshots() {
        return (Map<String, Map<String, Object>>) call("listSnapshots", null, Map.of());
    }

    @Override
    public void deleteSnapshot(String name) {
        call("deleteSnapshot", name, null);
    }

    @Override
    public VersionedItem restoreVersion(String symbol, int version) {
        return (VersionedItem) call("restoreVersion", symbol, item(symbol), version);
    }

    @Override
    public VersionedItem restoreVersion(String symbol, String snapshotName) {
        return (VersionedItem) call("restoreVersion", symbol, item(symbol), snapshotName);
    }

    @Override
    public Map<String, Object> getInfo(String symbol) {
        return getInfo(symbol, ReadOptions.latest());
    }

    @SuppressWarnings("unchecked")
    @Override
    public Map<String, Object> getInfo(String symbol, ReadOptions options) {
        return (Map<String, Object>) call("getInfo", symbol, Map.of(), options);
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of();
    }
}
