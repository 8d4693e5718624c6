package io.github.arcticasync.internal.execution;

import io.github.arcticasync.asynchronous.RequestKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Arctic's clash rule as a first-in-first-out admission gate per {@link SymbolKey}: a modifier runs alone on its key,
 * accessors run together, and requests on one key start in the order they entered. Unlike Arctic, a queued request is
 * never overtaken (a new accessor waits behind a queued modifier, so nothing starves), and every request that becomes
 * eligible when one leaves is released at once, not just one. Thread-safe; holds no threads.
 *
 * @param <T> what the caller queues (a request)
 */
public final class SymbolGate<T> {
    private final Map<SymbolKey, Lane<T>> lanes = new HashMap<>();

    /**
     * Lets {@code item} in: returns true if it may start now (it then counts as running on its key until
     * {@link #leave}); false if it was queued and will be returned by a later {@link #leave}.
     */
    public synchronized boolean enter(SymbolKey key, RequestKind kind, T item) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(item, "item");
        Lane<T> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        if (lane.waiting.isEmpty() && lane.admits(kind)) {
            lane.start(kind);
            return true;
        }
        lane.waiting.addLast(new Waiting<>(kind, item));
        return false;
    }

    /**
     * Records that a running request of {@code kind} on {@code key} finished and returns, in queue order, every queued
     * item that may start now; those count as running from here on.
     *
     * @throws IllegalStateException if nothing of that kind is running on the key
     */
    public synchronized List<T> leave(SymbolKey key, RequestKind kind) {
        Lane<T> lane = lanes.get(key);
        if (lane == null || !lane.isRunning(kind)) {
            throw new IllegalStateException("no " + kind + " is running on " + key);
        }
        lane.stop(kind);
        List<T> released = new ArrayList<>(1);
        while (!lane.waiting.isEmpty() && lane.admits(lane.waiting.peekFirst().kind)) {
            Waiting<T> next = lane.waiting.pollFirst();
            lane.start(next.kind);
            released.add(next.item);
        }
        if (lane.isIdle()) {
            lanes.remove(key);
        }
        return released;
    }

    /** How many items wait in all queues. */
    public synchronized int queued() {
        int n = 0;
        for (Lane<T> lane : lanes.values()) {
            n += lane.waiting.size();
        }
        return n;
    }

    /** How many items are admitted and not yet left, over all keys. */
    public synchronized int admitted() {
        int n = 0;
        for (Lane<T> lane : lanes.values()) {
            n += lane.accessors + (lane.modifier ? 1 : 0);
        }
        return n;
    }

    private record Waiting<T>(RequestKind kind, T item) {
    }

    /** The state of one key: what runs and what waits. */
    private static final class Lane<T> {
        final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
        int accessors;
        boolean modifier;

        boolean admits(RequestKind kind) {
            return kind == RequestKind.ACCESSOR ? !modifier : !modifier && accessors == 0;
        }

        boolean isRunning(RequestKind kind) {
            return kind == RequestKind.ACCESSOR ? accessors > 0 : modifier;
        }

        void start(RequestKind kind) {
            if (kind == RequestKind.ACCESSOR) {
                accessors++;
            } else {
                modifier = true;
            }
        }

        void stop(RequestKind kind) {
            if (kind == RequestKind.ACCESSOR) {
                accessors--;
            } else {
                modifier = false;
            }
        }

        boolean isIdle() {
            return accessors == 0 && !modifier && waiting.isEmpty();
        }
    }
}
