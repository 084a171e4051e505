package com.omnichat.server.channels.twilio;

/** The TwiML answer to an inbound message (PROTOCOL.md §D.1). */
public final class TwiML {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private TwiML() {
    }

    public static String empty() {
        return DECLARATION + "<Response></Response>";
    }

    public static String message(String text) {
        return DECLARATION + "<Response><Message>" + escape(text) + "</Message></Response>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
