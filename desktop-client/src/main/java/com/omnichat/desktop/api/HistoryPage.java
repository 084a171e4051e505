package com.omnichat.desktop.api;

import java.util.List;

/** One page of history, newest first; {@code nextCursor} is null on the last page. */
public record HistoryPage(List<HistoryItem> data, String nextCursor) {
}
