package kz.shekara.server.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;

/**
 * Any body posted as a chat message gives a message or an {@link ApiError} (a counted 4xx), never another
 * exception, which the API would answer as a failure of the server.
 */
class MessagePostFuzzTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final Marking marking = Marking.of(Classification.UNCLASSIFIED, "kz-border-guard", List.of());

    @FuzzTest(maxDuration = "15s")
    void decodesOrRefuses(byte[] body) {
        try {
            MessagePost.decode(mapper, body, Instant.parse("2026-03-01T06:00:00Z"), marking, "fuzz");
        } catch (ApiError refused) {
            // a refusal with a code is the one outcome besides a message
        }
    }
}
