package com.omnichat.server.audit;

/** Who an audit entry names as having acted: a staff user, or the operator of the deployment. */
public record Actor(String kind, String id, String name) {
    /** The command line and the platform API act for whoever runs the server, not for a tenant's user. */
    public static final Actor OPERATOR = new Actor("system", null, "Platform operator");

    public static Actor user(long id, String name) {
        return new Actor("user", Long.toString(id), name);
    }
}
