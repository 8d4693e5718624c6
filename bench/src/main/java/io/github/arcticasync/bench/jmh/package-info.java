/**
 * JMH micro-benchmarks of the store's hot CPU paths (numpy-records encode/decode, LZ4 block framing), run with
 * {@code java -jar bench/target/arctic-async-bench.jar jmh}. Not a user API.
 */
package io.github.arcticasync.bench.jmh;
