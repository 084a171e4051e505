package com.omnichat.server.conversations;

import com.omnichat.protocol.Contact;
import com.omnichat.protocol.ConversationStatus;
import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.Delivery;
import com.omnichat.protocol.LastMessage;
import com.omnichat.protocol.MessageView;
import com.omnichat.protocol.UserRef;
import com.omnichat.protocol.VisitorMessageView;
import com.omnichat.server.realtime.Hub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.omnichat.protocol.Timestamps.formatMicros;

/** Turns stored conversations and messages into what each kind of client is shown. */
public final class ConversationViews {
    private final Hub hub;

    public ConversationViews(Hub hub) {
        this.hub = hub;
    }

    public ConversationView staff(Conversation c) {
        UserRef assignee = c.assignedUserId() == null ? null : new UserRef(Long.toString(c.assignedUserId()), c.assignedName());
        Contact contact = new Contact(c.contactName(), c.contactEmail(), c.contactPhone());
        LastMessage last = c.lastMessageSeq() == null ? null
                : new LastMessage(c.lastMessageSeq(), c.lastMessageSender(), c.lastMessageText(), formatMicros(c.lastMessageAt()));
        return new ConversationView(c.publicId(), c.channel(), c.externalId(), c.status(), assignee, contact,
                c.messageCount(), null, last, formatMicros(c.waitingSince()), c.patienceSent(),
                formatMicros(c.escalatedAt()), hub.visitorOnline(c.tenantId(), c.externalId()),
                formatMicros(c.createdAt()), formatMicros(c.updatedAt()), formatMicros(c.closedAt()));
    }

    public static ConversationStatus visitor(Conversation c) {
        return new ConversationStatus(c.publicId(), c.status());
    }

    public static MessageView staff(Message m) {
        UserRef author = m.staffId() == null ? null : new UserRef(Long.toString(m.staffId()), m.authorName());
        Delivery delivery = m.deliveryStatus() == null ? null : new Delivery(m.deliveryStatus(), m.deliveryErrorCode(),
                m.deliveryErrorMessage(), formatMicros(m.deliveryUpdatedAt()));
        return new MessageView(m.publicId(), m.conversationPublicId(), m.seq(), m.clientId(), m.sender(), author,
                m.text(), formatMicros(m.createdAt()), delivery);
    }

    public static VisitorMessageView visitor(Message m) {
        return new VisitorMessageView(m.publicId(), m.seq(), "user".equals(m.sender()) ? m.clientId() : null, m.sender(),
                "staff".equals(m.sender()) ? m.authorName() : null, m.text(), formatMicros(m.createdAt()));
    }

    /** The legacy message item: exactly sender, text, ts. */
    public static Map<String, Object> legacyItem(Message m) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sender", m.sender());
        item.put("text", m.text());
        item.put("ts", formatMicros(m.createdAt()));
        return item;
    }

    /** The legacy conversation row (PROTOCOL.md §A.3); {@code newest} are the latest messages, newest first. */
    public static Map<String, Object> legacyRow(Conversation c, List<String[]> newest) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("conversation_id", c.publicId());
        row.put("user_id", c.externalId());
        row.put("channel", c.channel());
        row.put("assigned_staff", c.assignedName());
        row.put("open", c.isClosed() ? 0 : 1);
        row.put("updated_at", formatMicros(c.updatedAt()));
        row.put("created_at", formatMicros(c.createdAt()));
        row.put("closed_at", formatMicros(c.closedAt()));
        row.put("patience_sent", c.patienceSent() ? 1 : 0);
        row.put("final_sent", c.isEscalated() ? 1 : 0);
        row.put("escalation_active", c.escalationActive() ? 1 : 0);
        row.put("message_count", c.messageCount());
        row.put("preview", preview(newest));
        return row;
    }

    static String preview(List<String[]> newest) {
        if (newest.isEmpty()) {
            return "No messages yet";
        }
        StringBuilder preview = new StringBuilder();
        for (String[] senderText : newest) {
            if (preview.length() > 0) {
                preview.append(" | ");
            }
            preview.append(senderText[0]).append(": ").append(senderText[1]);
        }
        return preview.toString();
    }

    /** The legacy staff broadcast frame: exactly these six keys. */
    public static Map<String, Object> legacyStaffFrame(ConversationStore.Head c, String sender, String text, String type,
                                                       String ts) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("user_id", c.externalId());
        frame.put("channel", c.channel());
        frame.put("sender", sender);
        frame.put("text", text);
        frame.put("type", type);
        frame.put("ts", ts);
        return frame;
    }
}
