package com.omnichat.server.realtime;

/** WebSocket close codes of the protocol (PROTOCOL.md §A.11, §A.12, §C.7). */
public final class CloseCodes {
    public static final int GOING_AWAY = 1001;
    public static final int UNSUPPORTED = 1003;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int INTERNAL = 1011;
    public static final int TRY_AGAIN_LATER = 1013;

    public static final int PROTOCOL_ERROR = 4400;
    public static final int AUTH_FAILED = 4401;
    public static final int FORBIDDEN = 4403;
    public static final int SILENT = 4408;
    public static final int SLOW_CONSUMER = 4013;
    public static final int TOO_MANY = 4429;

    private CloseCodes() {
    }
}
