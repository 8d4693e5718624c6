package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.arcticasync.internal.execution.OperationCall;
import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.internal.protocol.EnvelopeCodec;
import io.github.arcticasync.internal.transport.redis.CallEnvelopes;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.DeadLetterFields;
import io.github.arcticasync.internal.transport.redis.StreamEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dead letter whose envelope decodes names what the request asked for, so its caller knows what to resubmit. */
class DeadLettersPrintTest {

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDecodableEnvelopeShowsTheOperationLibraryAndSymbol() {
        OperationCall call = OperationCall.of("arctic.prices", OperationRegistry.standard().lookup("read")
                .bind(List.of("AAPL"), Map.of()), false, false);
        byte[] envelope = EnvelopeCodec.builder().build()
                .encodeRequest(CallEnvelopes.toEnvelope("r-42", call, Instant.EPOCH));
        StreamEntry dead = new StreamEntry("aa:{ns}:dead", "1700000000000-0", Map.of(
                DeadLetterFields.REQUEST, text("r-42"), DeadLetterFields.REASON, text("delivered 6 times without "
                        + "completing (limit 5)"), DeadLetterFields.DELIVERIES, text("6"),
                DeadLetterFields.WORKER, text("w1"), DataPlaneKeys.ENVELOPE, envelope));
        StringWriter printed = new StringWriter();

        DeadLettersCommand.print(new PrintWriter(printed, true), dead);

        assertThat(printed.toString()).isEqualTo("1700000000000-0  2023-11-14T22:13:20Z  request r-42  read "
                + "arctic.prices/AAPL  deliveries 6  worker w1\n    reason: delivered 6 times without completing "
                + "(limit 5)\n");
    }
}
