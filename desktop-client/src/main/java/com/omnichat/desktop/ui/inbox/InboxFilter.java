package com.omnichat.desktop.ui.inbox;

import com.omnichat.protocol.ConversationView;

/** The inbox tabs. */
public enum InboxFilter {
    OPEN("Open"),
    ESCALATED("Escalated"),
    MINE("Mine"),
    CLOSED("Closed");

    private final String label;

    InboxFilter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean accepts(ConversationView c, String myId) {
        return switch (this) {
            case OPEN -> "open".equals(c.status());
            case ESCALATED -> "escalated".equals(c.status());
            case MINE -> !"closed".equals(c.status()) && c.assignee() != null && myId.equals(c.assignee().id());
            case CLOSED -> "closed".equals(c.status());
        };
    }
}
