package com.omnichat.protocol;

import java.util.Set;

public final class Channels {
    public static final String WEBCHAT = "webchat";
    public static final String SMS = "sms";
    public static final String WHATSAPP = "whatsapp";
    public static final String MESSENGER = "messenger";
    public static final Set<String> ALL = Set.of(WEBCHAT, SMS, WHATSAPP, MESSENGER);

    private Channels() {
    }
}
