package com.omnichat.server.lifecycle;

import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The jobs run every few seconds: what they look for must be an index range per tenant, never a table scan. */
class LifecycleQueriesTest {

    @Test
    void theDueConversationsAreFoundThroughTheirPartialIndexes() {
        try (TestServer server = TestServer.start()) {
            assertThat(plan(server, LifecycleStore.WAITING_TOO_LONG, "[[1,100,50],[2,-1,70]]"))
                    .anyMatch(step -> step.contains("USING INDEX conversations_escalation_due (tenant_id=? AND period_first_contact_at<?)"))
                    .noneMatch(step -> step.startsWith("SCAN c"));
            assertThat(plan(server, LifecycleStore.QUIET, "[[1,100],[2,200]]"))
                    .anyMatch(step -> step.contains("USING INDEX conversations_quiet_since (tenant_id=? AND <expr><?)"))
                    .noneMatch(step -> step.startsWith("SCAN c"));
        }
    }

    private static List<String> plan(TestServer server, String sql, String cutoffs) {
        return server.server().services().db().read(c -> {
            List<String> steps = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                ps.setString(1, cutoffs);
                ps.setInt(2, 500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        steps.add(rs.getString("detail"));
                    }
                }
            }
            return steps;
        });
    }
}
