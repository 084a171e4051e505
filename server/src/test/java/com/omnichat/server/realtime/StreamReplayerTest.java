package com.omnichat.server.realtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamReplayerTest {
    @Test
    void replayIsRefusedWithAReasonWhenItCannotBeComplete() {
        assertThat(StreamReplayer.resetReason(10, 20, 0)).isNull();
        assertThat(StreamReplayer.resetReason(20, 20, 0)).isNull();
        assertThat(StreamReplayer.resetReason(21, 20, 0)).isEqualTo("since_ahead");
        assertThat(StreamReplayer.resetReason(5, 20, 9)).isEqualTo("since_too_old");
        assertThat(StreamReplayer.resetReason(9, 20, 9)).as("everything after 9 is still kept").isNull();
        assertThat(StreamReplayer.resetReason(100, 6_000, 0)).isEqualTo("too_many");
    }
}
