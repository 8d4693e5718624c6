package io.github.arcticasync.store.internal.mongo;

import java.nio.charset.StandardCharsets;

/**
 * A library name split the way Arctic splits it (arctic-format.md §1.1): the database, the collection prefix, the
 * canonical name and the entry kept in the {@code meta_db.cache} list.
 *
 * @param given    the name as the caller wrote it
 * @param database the MongoDB database ({@code arctic_jdoe})
 * @param prefix   the collection prefix ({@code prices})
 */
public record LibraryName(String given, String database, String prefix) {
    static final String DB_PREFIX = "arctic";
    private static final int MAX_DATABASE_BYTES = 63;
    // A full namespace (db.prefix.version_nums) must stay under MongoDB's historical 120-byte limit.
    private static final int MAX_NAME_BYTES = 100;
    private static final String DB_FORBIDDEN = "/\\. \"$*<>:|?";

    /** Parses and validates a library name; throws IllegalArgumentException naming the problem. */
    public static LibraryName parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("library name must not be null");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("library name must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("library name '" + name + "' is longer than " + MAX_NAME_BYTES
                    + " bytes");
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('$') >= 0) {
            throw new IllegalArgumentException("library name '" + name + "' must not contain '$' or NUL");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isWhitespace(name.charAt(i)) || Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("library name '" + name + "' must not contain whitespace");
            }
        }
        String[] parts = name.split("\\.", 3);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("library name '" + name + "' has an empty part around '.'");
            }
        }
        String database;
        String prefix;
        if (parts.length == 2) {
            database = parts[0].startsWith(DB_PREFIX) ? parts[0] : DB_PREFIX + "_" + parts[0];
            prefix = parts[1];
        } else {
            database = DB_PREFIX;
            prefix = name;
        }
        for (int i = 0; i < database.length(); i++) {
            if (DB_FORBIDDEN.indexOf(database.charAt(i)) >= 0) {
                throw new IllegalArgumentException("library name '" + name + "' gives database '" + database
                        + "', which must not contain any of " + DB_FORBIDDEN);
            }
        }
        if (database.getBytes(StandardCharsets.UTF_8).length > MAX_DATABASE_BYTES) {
            throw new IllegalArgumentException("library name '" + name + "' gives database '" + database
                    + "', longer than " + MAX_DATABASE_BYTES + " bytes");
        }
        if (prefix.startsWith("system.")) {
            throw new IllegalArgumentException("library name '" + name + "' must not start its collection with"
                    + " 'system.'");
        }
        return new LibraryName(name, database, prefix);
    }

    /** Arctic's {@code get_name()}: {@code database.prefix}. */
    public String canonicalName() {
        return database + "." + prefix;
    }

    /** The name as {@code list_libraries} reports it: the given name without a leading {@code arctic_}. */
    public String listedName() {
        return given.startsWith(DB_PREFIX + "_") ? given.substring(DB_PREFIX.length() + 1) : given;
    }

    @Override
    public String toString() {
        return canonicalName();
    }
}
