package com.omnichat.server.cli;

import picocli.CommandLine.Command;

@Command(name = "enable-tenant", description = "Enable a disabled tenant again.")
final class EnableTenantCommand extends TenantSwitch {
    @Override
    boolean disabled() {
        return false;
    }
}
