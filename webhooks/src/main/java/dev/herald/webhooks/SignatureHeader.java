package dev.herald.webhooks;

import java.util.ArrayList;
import java.util.List;

/** A parsed {@code webhook-signature} value: space-separated {@code version,signature} entries. */
record SignatureHeader(List<Entry> entries) {

    record Entry(String version, String signature) {
    }

    /** Keeps every well-formed entry; throws when there is none, since nothing could then match. */
    static SignatureHeader parse(String header) {
        List<Entry> entries = new ArrayList<>();
        for (String token : header.strip().split("\\s+")) {
            int comma = token.indexOf(',');
            if (comma > 0 && comma < token.length() - 1) {
                entries.add(new Entry(token.substring(0, comma), token.substring(comma + 1)));
            }
        }
        if (entries.isEmpty()) {
            throw new WebhookVerificationException("signature header has no 'version,signature' entry");
        }
        return new SignatureHeader(List.copyOf(entries));
    }

    List<String> signatures(String version) {
        return entries.stream().filter(entry -> entry.version().equals(version)).map(Entry::signature).toList();
    }
}
