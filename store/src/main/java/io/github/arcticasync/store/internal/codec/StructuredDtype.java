package io.github.arcticasync.store.internal.codec;

import io.github.arcticasync.store.ArcticSerializationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A packed numpy structured dtype: named fields back to back, as Arctic stores pandas items and record arrays.
 *
 * <p>{@link #toString()} is numpy's {@code str(dtype)} ({@code [('index', '<M8[ns]'), ('price', '<f8')]}) with
 * names in Python {@code repr} quoting; {@link #parse} reads it back (see {@link DtypeParser}).
 */
public final class StructuredDtype {
    /** One field: its name, type and byte offset inside a row. */
    public record Field(String name, Dtype dtype, int offset) {
    }

    private final List<Field> fields;
    private final int itemSize;

    private StructuredDtype(List<Field> fields, int itemSize) {
        this.fields = fields;
        this.itemSize = itemSize;
    }

    /** Packs named types in order. Rejects duplicate names (numpy does too). */
    public static StructuredDtype of(List<String> names, List<Dtype> types) {
        if (names.size() != types.size()) {
            throw new IllegalArgumentException("names and types differ in length");
        }
        List<Field> fs = new ArrayList<>(names.size());
        Set<String> seen = new HashSet<>();
        int off = 0;
        for (int i = 0; i < names.size(); i++) {
            String n = Objects.requireNonNull(names.get(i), "field name must not be null");
            if (!seen.add(n)) {
                throw new ArcticSerializationException("duplicate field name '" + n + "' in a structured dtype");
            }
            fs.add(new Field(n, types.get(i), off));
            off = Math.addExact(off, types.get(i).size());
        }
        return new StructuredDtype(List.copyOf(fs), off);
    }

    /** The dtype of these columns (named by their names). */
    public static StructuredDtype of(List<Column> columns) {
        List<String> names = new ArrayList<>();
        List<Dtype> types = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.name());
            types.add(c.dtype());
        }
        return of(names, types);
    }

    /** Parses numpy's {@code str()} of a structured dtype. */
    public static StructuredDtype parse(String s) {
        return DtypeParser.parseStructured(s);
    }

    public List<Field> fields() {
        return fields;
    }

    /** Bytes per record. */
    public int itemSize() {
        return itemSize;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Field f : fields) {
            names.add(f.name());
        }
        return names;
    }

    /** The field with this name, or {@code null}. */
    public Field field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            sb.append(i == 0 ? "(" : ", (").append(PythonRepr.str(f.name())).append(", '").append(f.dtype().descr())
                    .append("')");
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructuredDtype d && fields.equals(d.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }
}
