package com.omnichat.server.tenants;

import com.omnichat.server.auth.PasswordHasher;
import com.omnichat.server.errors.ApiException;
import com.omnichat.server.errors.FieldError;

final class PasswordRules {
    private PasswordRules() {
    }

    static void check(String password) {
        if (password.length() < PasswordHasher.MIN_LENGTH) {
            throw ApiException.invalid(FieldError.body("admin_password", "value_error",
                    "must be at least " + PasswordHasher.MIN_LENGTH + " characters"));
        }
    }
}
