package com.omnichat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** Every stream frame, both directions: {"type","seq","data"} plus an optional client "ref" (PROTOCOL.md §C.7). */
public record Envelope(
        String type,
        Long seq,
        JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String ref) {
}
