package io.github.arcticasync.worker.internal;

import io.github.arcticasync.internal.execution.OperationCall;

/**
 * One request taken from a partition stream, on its way through the gate, the executor and the result poster.
 *
 * @param partition   the partition it came from
 * @param entryId     its stream entry id (what is acked)
 * @param requestId   the request id (names its result key)
 * @param replyStream the submitter's reply stream, or null
 * @param call        the decoded call
 * @param deliveries  how many times it has been delivered, this one included
 */
public record Task(int partition, String entryId, String requestId, String replyStream, OperationCall call,
                   int deliveries) {
}
