package io.github.arcticasync.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.github.arcticasync.store.internal.mongo.LibraryAdmin;
import io.github.arcticasync.store.internal.mongo.LibraryName;
import io.github.arcticasync.store.internal.mongo.MongoVersionStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A connection to an Arctic installation on MongoDB, mirroring Python's {@code arctic.Arctic}: initialise, get,
 * list and delete VersionStore libraries laid out exactly as Python Arctic 1.83.1 lays them out. Thread-safe.
 *
 * <pre>{@code
 * try (Arctic arctic = Arctic.connect("mongodb://localhost:27017")) {
 *     arctic.initializeLibrary("jdoe.prices");
 *     VersionStore lib = arctic.getLibrary("jdoe.prices");
 * }
 * }</pre>
 */
public final class Arctic implements AutoCloseable {
    private final MongoClient client;
    private final boolean ownsClient;
    private final Clock clock;
    private final String host;
    private final LibraryAdmin admin;
    private final ConcurrentMap<String, MongoVersionStore> libraries = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Arctic(MongoClient client, boolean ownsClient, Clock clock, String host) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.clock = clock;
        this.host = host;
        this.admin = new LibraryAdmin(client, clock);
    }

    /**
     * Connects to the MongoDB at {@code mongoUrl} (a {@code mongodb://} or {@code mongodb+srv://} connection
     * string; credentials in it are used by the driver). {@link #close()} closes the connection.
     */
    public static Arctic connect(String mongoUrl) {
        if (mongoUrl == null || mongoUrl.isBlank()) {
            throw new IllegalArgumentException("mongoUrl must not be null or empty");
        }
        ConnectionString cs;
        try {
            cs = new ConnectionString(mongoUrl);
        } catch (IllegalArgumentException e) {
            // No cause, and the driver's diagnosis only when it quotes nothing of where secrets live: it may quote
            // the end of a password holding an unescaped '?' ("invalid option 'secret@host'"), and callers print.
            String why = quotesSecretPart(e.getMessage(), mongoUrl) ? "" : ": " + e.getMessage();
            throw new IllegalArgumentException("mongoUrl is not a valid MongoDB connection string" + why);
        }
        MongoClient client;
        try {
            client = MongoClients.create(cs);
        } catch (MongoException e) {
            throw new ArcticException("cannot create a MongoDB client for hosts " + cs.getHosts(), e);
        }
        return new Arctic(client, true, Clock.systemUTC(), String.join(",", cs.getHosts()));
    }

    /**
     * Whether {@code message} holds any four characters in a row of the parts of {@code url} that may hold a secret:
     * the user info (up to its last '@') and the query. Also true for a message that is null.
     */
    static boolean quotesSecretPart(String message, String url) {
        if (message == null) {
            return true;
        }
        int scheme = url.indexOf("://");
        String rest = scheme < 0 ? url : url.substring(scheme + 3);
        int at = rest.lastIndexOf('@');
        int query = rest.indexOf('?');
        for (String part : new String[] {at < 0 ? "" : rest.substring(0, at), query < 0 ? "" : rest.substring(query)}) {
            for (int i = 0; i + 4 <= part.length(); i++) {
                if (message.contains(part.substring(i, i + 4))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Uses an existing client; {@link #close()} leaves it open. */
    public static Arctic connect(MongoClient client) {
        return connect(client, Clock.systemUTC());
    }

    /**
     * Uses an existing client and a clock for the timestamps of new versions and snapshots (their ObjectIds) and for
     * the pruning age; tests use a fixed or offset clock to create versions "in the past".
     */
    public static Arctic connect(MongoClient client, Clock clock) {
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        return new Arctic(client, false, clock, hostOf(client));
    }

    private static String hostOf(MongoClient client) {
        StringJoiner j = new StringJoiner(",");
        for (ServerAddress a : client.getClusterDescription().getClusterSettings().getHosts()) {
            j.add(a.toString());
        }
        return j.toString();
    }

    /** Creates a VersionStore library (idempotent), with Arctic's indexes and its default 10 GiB quota. */
    public void initializeLibrary(String library) {
        LibraryName name = LibraryName.parse(library);
        ensureOpen();
        admin.initialize(name);
    }

    /** Like {@link #initializeLibrary(String)}; {@code libraryType} must be {@code "VersionStore"}. */
    public void initializeLibrary(String library, String libraryType) {
        if (!LibraryAdmin.VERSION_STORE.equals(libraryType)) {
            throw new IllegalArgumentException("library type " + libraryType + " is not supported; only "
                    + LibraryAdmin.VERSION_STORE);
        }
        initializeLibrary(library);
    }

    /**
     * The canonical name Arctic gives a library ({@code jdoe.prices} → {@code arctic_jdoe.prices}, {@code prices} →
     * {@code arctic.prices}): what {@link VersionStore#libraryName()} returns and what the asynchronous API keys
     * requests by. Needs no connection; throws IllegalArgumentException naming the problem for an invalid name.
     */
    public static String canonicalLibraryName(String library) {
        return LibraryName.parse(library).canonicalName();
    }

    /** The library; {@link LibraryNotFoundException} naming it when it is not initialised. */
    public VersionStore getLibrary(String library) {
        LibraryName name = LibraryName.parse(library);
        ensureOpen();
        MongoVersionStore cached = libraries.get(name.canonicalName());
        if (cached != null) {
            return cached;
        }
        admin.requireVersionStore(name);
        return libraries.computeIfAbsent(name.canonicalName(), k -> new MongoVersionStore(client, name, clock, host));
    }

    /** True when {@link #getLibrary(String)} would succeed. */
    public boolean libraryExists(String library) {
        LibraryName name = LibraryName.parse(library);
        ensureOpen();
        return admin.exists(name);
    }

    /** Library names as Python's {@code list_libraries()} gives them ({@code jdoe.prices}), sorted. */
    public List<String> listLibraries() {
        ensureOpen();
        return admin.list();
    }

    /** Drops the library's collections and removes it from the library cache; a missing library is a no-op. */
    public void deleteLibrary(String library) {
        LibraryName name = LibraryName.parse(library);
        ensureOpen();
        libraries.remove(name.canonicalName());
        admin.delete(name);
    }

    /** Sets the library's {@code QUOTA} in bytes (0 = unlimited); the next write checks it. */
    public void setQuota(String library, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("quota must be >= 0, was " + bytes);
        }
        LibraryName name = LibraryName.parse(library);
        ensureOpen();
        admin.setQuota(name, bytes);
        MongoVersionStore store = libraries.get(name.canonicalName());
        if (store != null) {
            store.resetQuotaCountdown();
        }
    }

    /** The library's {@code QUOTA} in bytes, 0 when unlimited. */
    public long getQuota(String library) {
        LibraryName name = LibraryName.parse(library);
        ensureOpen();
        return admin.quota(name);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Arctic is closed");
        }
    }

    /** Closes the connection if {@link #connect(String)} opened it. */
    @Override
    public void close() {
        closed = true;
        libraries.clear();
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "Arctic[" + host + "]";
    }
}
