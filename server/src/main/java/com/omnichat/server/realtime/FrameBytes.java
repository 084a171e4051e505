package com.omnichat.server.realtime;

/** The size of a text frame on the wire (its UTF-8 bytes), counted without encoding a copy of it. */
public final class FrameBytes {
    private FrameBytes() {
    }

    public static int of(String frame) {
        int bytes = 0;
        for (int i = 0; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < frame.length()
                    && Character.isLowSurrogate(frame.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
