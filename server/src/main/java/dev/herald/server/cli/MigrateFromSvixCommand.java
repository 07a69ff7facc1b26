package dev.herald.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald migrate-from-svix}: copies event types, applications and endpoints from any server that speaks the
 * Svix API into this Herald, through that API alone. Objects are matched by name (event types) and uid
 * (applications, endpoints; an object without a uid gets {@code migrated-<source id>}), so a second run creates nothing
 * and changes only what changed at the source. Endpoints keep their secrets, so receivers keep verifying.
 */
@Command(name = "migrate-from-svix", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy event types, applications and endpoints (with their secrets, headers, filters, "
                + "channels, rate limits, metadata and uids) from a Svix-API server (Svix cloud, the Svix server, "
                + "another Herald) into the Herald at --server. Safe to run again: what is already there and the "
                + "same is left alone.",
                "An application or endpoint without a uid gets the uid migrated-<its source id>, which is how a "
                        + "second run finds it. Header values the source withholds (sensitive ones such as Authorization) "
                        + "cannot be read through the API: they are listed at the end, to be set again by hand."},
        footerHeading = "%nExamples:%n",
        footer = {"  herald migrate-from-svix --from https://api.eu.svix.com --from-token \"$SVIX_TOKEN\" --dry-run",
                "  HERALD_TOKEN=... herald migrate-from-svix --from https://api.svix.com --from-token \"$SVIX_TOKEN\""})
final class MigrateFromSvixCommand implements Callable<Integer> {
    private static final List<String> EVENT_TYPE_FIELDS = List.of("description", "archived", "deprecated", "schemas",
            "featureFlag", "featureFlags", "groupName");

    static final String UID_PREFIX = "migrated-";

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = "--from", required = true, paramLabel = "URL",
            description = "the Svix-API server to copy from, e.g. https://api.eu.svix.com")
    String from;

    @Option(names = "--from-token", required = true, paramLabel = "TOKEN", description = "its API token")
    String fromToken;

    @Option(names = "--dry-run", description = "say what would be copied, change nothing")
    boolean dryRun;

    private final Map<String, int[]> tally = new LinkedHashMap<>();
    private final List<String> withheld = new java.util.ArrayList<>();
    private PrintWriter out;

    /** What happened to one object. */
    private enum Action { CREATED, UPDATED, UNCHANGED }

    @Override
    public Integer call() throws InterruptedException {
        out = spec.commandLine().getOut();
        ApiClient source = new ApiClient(from, fromToken);
        ApiClient target = server.client();
        for (JsonNode type : source.listAll("/api/v1/event-type/", Map.of("include_archived", "true",
                "with_content", "true"))) {
            copyEventType(target, type);
        }
        for (JsonNode app : source.listAll("/api/v1/app/", Map.of())) {
            String appUid = uidOf(app);
            copyApplication(target, app, appUid);
            String sourcePath = "/api/v1/app/" + app.path("id").asText();
            for (JsonNode endpoint : source.listAll(sourcePath + "/endpoint/", Map.of())) {
                copyEndpoint(source, target, sourcePath, "/api/v1/app/" + ApiClient.encode(appUid), endpoint);
            }
        }
        summary();
        return 0;
    }

    private void copyEventType(ApiClient target, JsonNode type) throws InterruptedException {
        String name = type.path("name").asText();
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("name", name);
        for (String field : EVENT_TYPE_FIELDS) {
            if (type.hasNonNull(field)) {
                wanted.put(field, type.get(field));
            }
        }
        String path = "/api/v1/event-type/" + ApiClient.encode(name) + "/";
        Optional<JsonNode> existing = find(target, path);
        report("event type", name, apply(target, existing, wanted, "/api/v1/event-type/", path));
    }

    private void copyApplication(ApiClient target, JsonNode app, String uid) throws InterruptedException {
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("name", app.path("name").asText());
        wanted.put("uid", uid);
        rateOf(app).ifPresent(rate -> wanted.put("rateLimit", rate));
        wanted.put("metadata", app.path("metadata").isObject() ? app.get("metadata") : Map.of());
        String path = "/api/v1/app/" + ApiClient.encode(uid) + "/";
        report("application", uid, apply(target, find(target, path), wanted, "/api/v1/app/", path));
    }

    private void copyEndpoint(ApiClient source, ApiClient target, String sourceApp, String targetApp,
                              JsonNode endpoint) throws InterruptedException {
        String uid = uidOf(endpoint);
        String sourcePath = sourceApp + "/endpoint/" + endpoint.path("id").asText();
        String secret = source.get(sourcePath + "/secret/", Map.of()).path("key").asText();
        JsonNode headerView = source.get(sourcePath + "/headers/", Map.of());
        headerView.path("sensitive").forEach(name -> withheld.add(uid + ": " + name.asText()));
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("url", endpoint.path("url").asText());
        wanted.put("description", endpoint.path("description").asText(""));
        wanted.put("uid", uid);
        rateOf(endpoint).ifPresent(rate -> wanted.put("rateLimit", rate));
        wanted.put("disabled", endpoint.path("disabled").asBoolean(false));
        JsonNode types = endpoint.hasNonNull("filterTypes") ? endpoint.get("filterTypes") : endpoint.get("eventTypes");
        wanted.put("filterTypes", types == null || types.isNull() ? null : types);
        wanted.put("channels", endpoint.hasNonNull("channels") ? endpoint.get("channels") : null);
        wanted.put("metadata", endpoint.path("metadata").isObject() ? endpoint.get("metadata") : Map.of());
        String path = targetApp + "/endpoint/" + ApiClient.encode(uid) + "/";
        Optional<JsonNode> existing = dryRun && !exists(target, targetApp + "/") ? Optional.empty() : find(target, path);
        if (existing.isEmpty()) {
            wanted.put("secret", secret);
            wanted.put("headers", headerView.path("headers"));
            report("endpoint", uid, apply(target, existing, wanted, targetApp + "/endpoint/", path));
            return;
        }
        Action action = apply(target, existing, wanted, null, path);
        if (!secret.equals(target.get(path + "secret/", Map.of()).path("key").asText())) {
            action = Action.UPDATED;
            if (!dryRun) {
                target.post(path + "secret/rotate/", Map.of("key", secret));
            }
        }
        JsonNode targetHeaders = target.get(path + "headers/", Map.of()).path("headers");
        if (!targetHeaders.equals(headerView.path("headers"))) {
            action = Action.UPDATED;
            if (!dryRun) {
                target.send("PATCH", path + "headers/", Map.of("headers", headerView.path("headers")), Map.of());
            }
        }
        report("endpoint", uid, action);
    }

    /** Creates the object when missing, updates it (PUT) when a wanted field differs, else leaves it alone. */
    private Action apply(ApiClient target, Optional<JsonNode> existing, Map<String, Object> wanted, String createPath,
                         String path) throws InterruptedException {
        if (existing.isEmpty()) {
            if (dryRun) {
                return Action.CREATED;
            }
            try {
                target.post(createPath, wanted);
                return Action.CREATED;
            } catch (ApiClient.Failure e) {
                if (e.status() != 409) {
                    throw e;
                }
                // made meanwhile (e.g. Herald's operational-events application, made on first use): update it
                existing = find(target, path);
                if (existing.isEmpty()) {
                    throw e;
                }
            }
        }
        JsonNode have = existing.get();
        boolean same = wanted.entrySet().stream().allMatch(e -> sameValue(e.getKey(), e.getValue(), have));
        if (same) {
            return Action.UNCHANGED;
        }
        if (!dryRun) {
            target.send("PUT", path, wanted, Map.of());
        }
        return Action.UPDATED;
    }

    private static boolean sameValue(String field, Object wanted, JsonNode have) {
        JsonNode wantedNode = Json.MAPPER.valueToTree(wanted);
        JsonNode haveNode = switch (field) {
            case "rateLimit" -> rateOf(have).map(r -> (JsonNode) Json.MAPPER.valueToTree(r))
                    .orElse(Json.MAPPER.nullNode());
            case "filterTypes" -> have.hasNonNull("filterTypes") ? have.get("filterTypes") : have.path("eventTypes");
            default -> have.path(field);
        };
        boolean absent = haveNode.isMissingNode() || haveNode.isNull();
        if (wantedNode.isNull() || absent) {
            return wantedNode.isNull() == absent || wantedNode.isEmpty() && absent;
        }
        return wantedNode.equals(haveNode);
    }

    private static Optional<Integer> rateOf(JsonNode node) {
        JsonNode rate = node.hasNonNull("throttleRate") ? node.get("throttleRate") : node.get("rateLimit");
        return rate == null || rate.isNull() ? Optional.empty() : Optional.of(rate.asInt());
    }

    /** The object's uid, else one made from its source id (a uid may not look like an id, so it is prefixed). */
    private static String uidOf(JsonNode object) {
        return object.hasNonNull("uid") ? object.get("uid").asText() : UID_PREFIX + object.path("id").asText();
    }

    private static Optional<JsonNode> find(ApiClient api, String path) throws InterruptedException {
        try {
            return Optional.of(api.get(path, Map.of()));
        } catch (ApiClient.Failure e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean exists(ApiClient api, String path) throws InterruptedException {
        return find(api, path).isPresent();
    }

    private void report(String kind, String name, Action action) {
        tally.computeIfAbsent(kind, k -> new int[Action.values().length])[action.ordinal()]++;
        String verb = switch (action) {
            case CREATED -> dryRun ? "would create" : "created";
            case UPDATED -> dryRun ? "would update" : "updated";
            case UNCHANGED -> "unchanged";
        };
        if (server.json) {
            out.println(Json.writeString(Map.of("type", kind, "id", name, "action", verb)));
        } else {
            out.println(Table.line(new String[] {"  " + kind, name, action == Action.UNCHANGED ? Styles.dim(verb)
                    : Styles.good(verb)}, new int[] {14, 40, 12}));
        }
        out.flush();
    }

    private void summary() {
        if (server.json) {
            Map<String, Object> counts = new LinkedHashMap<>();
            tally.forEach((kind, n) -> counts.put(kind, Map.of("created", n[0], "updated", n[1], "unchanged", n[2])));
            out.println(Json.writeString(Map.of("type", "summary", "dryRun", dryRun, "counts", counts,
                    "withheldHeaders", withheld)));
        } else {
            Table table = new Table().row("", dryRun ? "WOULD CREATE" : "CREATED", dryRun ? "WOULD UPDATE" : "UPDATED",
                    "UNCHANGED");
            tally.forEach((kind, n) -> table.row(kind, Integer.toString(n[0]), Integer.toString(n[1]),
                    Integer.toString(n[2])));
            out.println();
            table.print(out);
            if (!withheld.isEmpty()) {
                out.println("Header values the source withholds, to set again by hand: " + String.join(", ", withheld));
            }
        }
        out.flush();
    }
}
