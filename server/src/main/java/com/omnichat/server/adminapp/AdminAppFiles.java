package com.omnichat.server.adminapp;

import java.util.Optional;

/** Where the files of the admin web app come from: our bundled page, or an operator's directory. */
public interface AdminAppFiles {
    /** The file at {@code path} (relative to the app's root, without a leading slash), if it is one. */
    Optional<StaticFile> find(String path);

    /** The page every path that is not a file answers, so the app's own router can show deep links. */
    Optional<StaticFile> index();

    /** True for our own page, whose strict Content-Security-Policy another build may not satisfy. */
    boolean bundled();
}
