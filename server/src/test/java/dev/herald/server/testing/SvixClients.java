package dev.herald.server.testing;

import com.svix.Svix;
import com.svix.SvixOptions;

/** The official Svix Java SDK pointed at a test server, with its admin token. */
public final class SvixClients {
    private SvixClients() {
    }

    public static Svix connect(TestHerald server) {
        SvixOptions options = new SvixOptions();
        options.setServerUrl(server.baseUrl());
        return new Svix(TestHerald.ADMIN_TOKEN, options);
    }
}
