/**
 * Benchmark harnesses for arctic-async: end-to-end comparisons of the store and the asynchronous pool against
 * baselines measured in the same run (plain raw-driver or bare-executor code doing the same work). Not a user API;
 * run through {@link io.github.arcticasync.bench.BenchMain}. Figures and commands live in docs/benchmarks.md.
 */
package io.github.arcticasync.bench;
