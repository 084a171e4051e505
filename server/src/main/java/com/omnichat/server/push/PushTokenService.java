package com.omnichat.server.push;

import com.omnichat.protocol.Timestamps;
import com.omnichat.server.auth.Principal;
import com.omnichat.server.storage.Database;

import java.time.Clock;
import java.util.regex.Pattern;

/** Registers and removes the caller's own device tokens (PROTOCOL.md §A.9, §C.2). */
public final class PushTokenService {
    public static final int MAX_TOKEN_CHARS = 255;
    private static final Pattern EXPO_TOKEN = Pattern.compile("Expo(nent)?PushToken\\[[^\\]\\s]+\\]");

    private final Database db;
    private final PushTokenStore tokens;
    private final Clock clock;

    public PushTokenService(Database db, PushTokenStore tokens, Clock clock) {
        this.db = db;
        this.tokens = tokens;
        this.clock = clock;
    }

    public static boolean isExpoToken(String token) {
        return token.length() <= MAX_TOKEN_CHARS && EXPO_TOKEN.matcher(token).matches();
    }

    public void register(Principal user, String token, String platform) {
        db.writer().execute(tx -> {
            tokens.register(tx.connection(), token, user.tenantId(), user.userId(), platform,
                    Timestamps.toMicros(clock.instant()));
            return null;
        });
    }

    public void unregister(Principal user, String token) {
        db.writer().execute(tx -> {
            tokens.unregister(tx.connection(), user.userId(), token);
            return null;
        });
    }
}
