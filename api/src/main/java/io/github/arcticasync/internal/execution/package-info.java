/**
 * Not a user API. What an operation is and how it runs: the {@link
 * io.github.arcticasync.internal.execution.OperationRegistry} (names, parameters, kind, invocation against a
 * {@link io.github.arcticasync.store.VersionStore}), the {@link io.github.arcticasync.internal.execution.SymbolGate}
 * (Arctic's per-symbol clash rule, FIFO) and the {@link io.github.arcticasync.internal.execution.OperationExecutor}
 * (retry of transient MongoDB errors). Transport-independent: the local pool and remote workers share it.
 */
package io.github.arcticasync.internal.execution;
