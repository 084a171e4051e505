package com.omnichat.desktop.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.fontawesome5.FontAwesomeBrands;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

/** One icon per channel: web, SMS, WhatsApp, Messenger. */
public final class ChannelIcons {
    private ChannelIcons() {
    }

    public static FontIcon of(String channel) {
        FontIcon icon = new FontIcon(ikon(channel));
        icon.getStyleClass().addAll("channel-icon", "channel-" + channel);
        return icon;
    }

    public static Ikon ikon(String channel) {
        return switch (channel == null ? "" : channel) {
            case "sms" -> FontAwesomeSolid.SMS;
            case "whatsapp" -> FontAwesomeBrands.WHATSAPP;
            case "messenger" -> FontAwesomeBrands.FACEBOOK_MESSENGER;
            default -> FontAwesomeSolid.GLOBE;
        };
    }

    public static String label(String channel) {
        return switch (channel == null ? "" : channel) {
            case "sms" -> "SMS";
            case "whatsapp" -> "WhatsApp";
            case "messenger" -> "Messenger";
            default -> "Web chat";
        };
    }
}
