package com.omnichat.desktop.api;

import java.util.List;

/** One page of followups, newest submission first, with the tenant-wide count of unviewed ones. */
public record FollowupPage(List<Followup> data, String nextCursor, long unviewedCount) {
}
