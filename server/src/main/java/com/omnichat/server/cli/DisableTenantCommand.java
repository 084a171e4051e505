package com.omnichat.server.cli;

import picocli.CommandLine.Command;

@Command(name = "disable-tenant",
        description = "Disable a tenant: its users cannot sign in and its visitor and channel traffic is refused.")
final class DisableTenantCommand extends TenantSwitch {
    @Override
    boolean disabled() {
        return true;
    }
}
