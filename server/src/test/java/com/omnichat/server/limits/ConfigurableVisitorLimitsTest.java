package com.omnichat.server.limits;

import com.omnichat.server.config.ConfigException;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The visitor limits of PROTOCOL.md part E, sized by the operator: 0 turns one off, a bad value stops the start. */
class ConfigurableVisitorLimitsTest {

    @Test
    void limitsSetToZeroLetTwoHundredMessagesFromOneVisitorThrough() {
        try (TestServer server = TestServer.start(TestServer.withLifecycleOff(Map.of(
                "OMNICHAT_LIMIT_VISITOR_MESSAGES_PER_MINUTE", "0",
                "OMNICHAT_LIMIT_VISITOR_MESSAGES_PER_MINUTE_PER_IP", "0")))) {
            Api api = server.api();
            for (int i = 0; i < 200; i++) {
                assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-unlimited", "text", "message " + i))
                        .status()).as("message %d", i).isEqualTo(200);
            }
            String admin = api.loginAdmin();
            assertThat(api.get("/admin/api/messages/visitor-unlimited/webchat", admin).body().get("messages").size())
                    .isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void aLimitOfThreeMessagesAMinuteRefusesTheFourthWith429() {
        try (TestServer server = TestServer.start(TestServer.withLifecycleOff(Map.of(
                "OMNICHAT_LIMIT_VISITOR_MESSAGES_PER_MINUTE", "3")))) {
            Api api = server.api();
            for (int i = 0; i < 3; i++) {
                assertThat(api.post("/webchat", null, Map.of("user_id", "visitor-three", "text", "message " + i))
                        .status()).isEqualTo(200);
            }

            Api.Reply fourth = api.post("/webchat", null, Map.of("user_id", "visitor-three", "text", "one too many"));

            assertThat(fourth.status()).isEqualTo(429);
            assertThat(fourth.header("Retry-After")).isNotBlank();
        }
    }

    @Test
    void followupAndWidgetSessionLimitsFollowTheirSettings() {
        try (TestServer server = TestServer.start(TestServer.withLifecycleOff(Map.of(
                "OMNICHAT_LIMIT_FOLLOWUPS_PER_HOUR", "0",
                "OMNICHAT_LIMIT_WIDGET_SESSIONS_PER_HOUR_PER_IP", "2")))) {
            Api api = server.api();
            String siteKey = server.server().bootstrap().orElseThrow().siteKey();
            String visitor = api.newVisitor(siteKey);
            for (int i = 0; i < 12; i++) {
                assertThat(api.post("/api/v1/widget/followups", visitor, Map.of("message", "try " + i)).status())
                        .isEqualTo(201);
            }
            api.newVisitor(siteKey);

            assertThat(api.post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey)).status()).isEqualTo(429);
        }
    }

    @Test
    void anInvalidLimitRefusesToStartAndNamesTheVariable() {
        for (String bad : new String[]{"-1", "ten", "2.5", "99999999999"}) {
            assertThatThrownBy(() -> new ConfigLoader(Map.of("JWT_SECRET", TestServer.JWT_SECRET,
                    "OMNICHAT_LIMIT_NEW_SOCKET_IDS_PER_HOUR_PER_IP", bad), null).load())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("OMNICHAT_LIMIT_NEW_SOCKET_IDS_PER_HOUR_PER_IP");
        }
    }
}
