package dev.herald.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.core.ConfigException;
import dev.herald.server.core.ConfigLoader;
import dev.herald.server.core.Setting;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The portal's and the dashboard's files as a browser fetches them: from the jar, without a token, under a strict policy. */
class WebPagesTest {
    private static final List<String> FILES = List.of("portal/index.html", "portal/portal.js", "portal/api.js",
            "portal/dom.js", "portal/pager.js", "portal/endpoints.js", "portal/endpoint.js", "portal/catalogue.js",
            "portal/portal.css", "portal/main.js", "dashboard/dashboard.js", "dashboard/inbound.js", "dashboard/node.js",
            "dashboard/endpoints.js");

    @Test
    void portalIsServedWithAStrictPolicyThatOnlyHeraldMayFrameByDefault() {
        try (TestHerald server = TestHerald.start(StoreKind.SQLITE)) {
            Api.Response page = anonymous(server).get("/portal/");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            String policy = page.header("Content-Security-Policy");
            assertThat(policy).contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'self'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").endsWith("frame-ancestors 'self'");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @Test
    void configuredOriginsMayFrameThePortal() {
        try (TestHerald server = TestHerald.start(StoreKind.SQLITE, Map.of(Setting.PORTAL_FRAME_ANCESTORS,
                "https://app.example.com, http://localhost:3000"))) {
            assertThat(anonymous(server).get("/portal/").header("Content-Security-Policy"))
                    .endsWith("frame-ancestors 'self' https://app.example.com http://localhost:3000");
        }
    }

    @Test
    void frameAncestorsThatAreNotOriginsStopHeraldAtStart() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.PORTAL_FRAME_ANCESTORS,
                "https://ok.example.com; script-src *"), Map.of(), Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HERALD_PORTAL_FRAME_ANCESTORS");
    }

    @Test
    void everyFileIsServedWithItsTypeAndAnythingElseIsA404() {
        try (TestHerald server = TestHerald.start(StoreKind.SQLITE)) {
            Api api = anonymous(server);
            for (String file : FILES) {
                Api.Response answer = api.get("/" + file);
                assertThat(answer.status()).as(file).isEqualTo(200);
                assertThat(answer.header("Content-Type")).as(file).startsWith(file.endsWith(".js") ? "text/javascript"
                        : file.endsWith(".css") ? "text/css" : "text/html");
            }
            assertThat(api.get("/portal/missing.js").status()).isEqualTo(404);
            assertThat(api.get("/portal/..%2Fopenapi%2Fherald-additions.json").status()).isIn(400, 404);
            assertThat(api.get("/portal").status()).isEqualTo(308);
        }
    }

    /** Offline: nothing in the pages loads from another host, and no page has inline script or style. */
    @Test
    void pagesLoadNothingFromElsewhereAndHaveNoInlineScript() throws IOException {
        Pattern remote = Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/", Pattern.CASE_INSENSITIVE);
        for (String file : FILES) {
            String text = resource(file);
            Matcher found = remote.matcher(text);
            assertThat(found.find()).as(file + " refers to " + (found.hitEnd() ? "" : found.group())).isFalse();
            assertThat(text).as(file).doesNotContain("innerHTML").doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("eval(");
        }
        assertThat(resource("portal/index.html")).doesNotContainPattern("<script(?![^>]*src=)")
                .doesNotContain("style=").doesNotContain("<style");
    }

    @Test
    void dashboardIsServedAtTheRootAndMayNeverBeFramed() {
        try (TestHerald server = TestHerald.start(StoreKind.SQLITE, Map.of(Setting.PORTAL_FRAME_ANCESTORS,
                "https://app.example.com"))) {
            Api.Response page = anonymous(server).get("/");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("/portal/main.js");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'")
                    .endsWith("frame-ancestors 'none'");
        }
    }

    private static Api anonymous(TestHerald server) {
        return server.api().withToken(null);
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = WebPagesTest.class.getClassLoader().getResourceAsStream(file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
