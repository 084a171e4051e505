package com.omnichat.desktop.model;

import com.omnichat.desktop.api.RestClient;
import com.omnichat.desktop.api.SavedSession;
import com.omnichat.desktop.api.SessionStore;
import com.omnichat.desktop.api.StaffIdentity;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import com.omnichat.desktop.api.ApiFailure;
import java.util.concurrent.CompletionException;

/**
 * Turns a server address and credentials (or a remembered token) into a {@link Workspace}. Futures complete on the FX
 * thread; failures carry an {@link ApiFailure}.
 */
public final class SignIn {
    private final Environment env;
    private final SessionStore store;

    public SignIn(Environment env) {
        this.env = env;
        this.store = new SessionStore(env.preferences());
    }

    public SavedSession saved() {
        return store.load();
    }

    /** {@code onEnded} gets null after a sign-out, or the reason the session ended otherwise. */
    public CompletableFuture<Workspace> signIn(String serverUrl, String email, String password, boolean keepSignedIn,
                                               Consumer<String> onEnded) {
        return onFx(CompletableFuture.supplyAsync(() -> {
            String base = RestClient.parseBase(serverUrl).toString();
            String token = RestClient.login(base, email.trim(), password, env.http(), env.json());
            RestClient rest = new RestClient(base, token, env.http(), env.json());
            StaffIdentity me = rest.me();
            store.remember(rest.baseUrl(), email.trim(), keepSignedIn ? token : null);
            return new Workspace(env, rest, me, ended(onEnded));
        }, env.background()));
    }

    /** Resumes with the remembered token, if there is one. A refused token is forgotten. */
    public Optional<CompletableFuture<Workspace>> resume(Consumer<String> onEnded) {
        SavedSession saved = store.load();
        if (saved.token() == null || saved.serverUrl() == null) {
            return Optional.empty();
        }
        return Optional.of(onFx(CompletableFuture.supplyAsync(() -> {
            RestClient rest = new RestClient(saved.serverUrl(), saved.token(), env.http(), env.json());
            try {
                return new Workspace(env, rest, rest.me(), ended(onEnded));
            } catch (ApiFailure failure) {
                if (failure.kind() == ApiFailure.Kind.UNAUTHENTICATED) {
                    store.forgetToken();
                }
                throw failure;
            }
        }, env.background())));
    }

    /** Any end of a session forgets the token: sign-out by choice, or the server refusing it. */
    private Consumer<String> ended(Consumer<String> onEnded) {
        return reason -> {
            store.forgetToken();
            onEnded.accept(reason);
        };
    }

    private <T> CompletableFuture<T> onFx(CompletableFuture<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        work.whenComplete((value, error) -> env.fx().execute(() -> {
            if (error != null) {
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }
}
