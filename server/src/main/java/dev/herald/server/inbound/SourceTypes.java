package dev.herald.server.inbound;

import java.util.Set;
import java.util.TreeSet;

/**
 * The Svix source types Herald can verify. Svix's other names for Standard Webhooks senders (Clerk, Resend, Brex …,
 * all configured with a {@code whsec_} secret as Svix's {@code SvixConfig}) are verified like {@code svix}.
 */
final class SourceTypes {
    static final String GENERIC_WEBHOOK = "generic-webhook";
    static final String GITHUB = "github";
    static final String STRIPE = "stripe";
    static final String SHOPIFY = "shopify";
    static final String SLACK = "slack";
    static final String SVIX = "svix";
    static final String ZOOM = "zoom";
    static final String TAILSCALE = "tailscale";
    static final String DOCUSIGN = "docusign";
    static final String SEGMENT = "segment";
    static final String VERIFF = "veriff";
    static final String AIRWALLEX = "airwallex";
    static final String META = "meta";

    /** Types whose senders sign with Standard Webhooks, as Svix lists them. */
    static final Set<String> STANDARD_WEBHOOKS = Set.of(SVIX, "beehiiv", "brex", "clerk", "guesty", "incident-io",
            "lithic", "nash", "open-ai", "pleo", "psi-fi", "render", "replicate", "resend", "safebase", "sardine",
            "stych");

    private SourceTypes() {
    }

    static boolean isStandardWebhooks(String type) {
        return STANDARD_WEBHOOKS.contains(type);
    }

    /** Every supported type, sorted, for the message that refuses an unknown one. */
    static String supported() {
        Set<String> all = new TreeSet<>(STANDARD_WEBHOOKS);
        all.addAll(Set.of(GENERIC_WEBHOOK, GITHUB, STRIPE, SHOPIFY, SLACK, ZOOM, TAILSCALE, DOCUSIGN, SEGMENT, VERIFF,
                AIRWALLEX, META));
        return String.join(", ", all);
    }
}
