package dev.wharf.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.auth.ApiScope;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.testing.ApiClient;
import dev.wharf.testing.ApiClient.Res;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What godo's {@code RegistryService} reads from a registry's content and garbage collection, against a real Wharf
 * with its own accounts and collector: pagination as godo follows it, sizes as DigitalOcean defines them, and run
 * history that belongs to the registry it ran on.
 */
class GodoContentContractTest {
    private static final Actor OPERATOR = new Actor("operator", null);
    static TestRegistry registry;
    static RegistryClient data;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start();
        data = registry.client();
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    /** A fresh user with a token holding every API scope. */
    static ApiClient user(String name) {
        registry.accounts().accounts().addUser(OPERATOR, name, name + " password", false);
        return new ApiClient(registry.apiUri(), registry.accounts().tokens().createPat(OPERATOR, name, "godo",
                List.of(), EnumSet.allOf(ApiScope.class), null).text());
    }

    // --- pagination ------------------------------------------------------------------------------------------------

    @Test
    void repositoriesV2_lastPageHasNoNextLink() {
        ApiClient api = user("pager");
        api.post("/v2/registries", "{\"name\":\"pager\",\"subscription_tier_slug\":\"professional\"}");
        for (String r : List.of("a", "b", "c", "d")) {
            data.pushImage("pager/" + r, "v1", ("layer of " + r).getBytes(StandardCharsets.UTF_8));
        }
        List<String> names = new ArrayList<>();
        int fetched = 0;
        String next = "/v2/registries/pager/repositoriesV2?per_page=2";
        while (next != null && fetched < 5) {
            Res page = api.get(next);
            fetched++;
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("repositories").forEach(r -> names.add(r.get("name").asText()));
            JsonNode n = page.json().get("links").get("pages").get("next");
            next = n == null ? null : n.asText().substring(n.asText().indexOf("/v2/"));
        }
        assertThat(names).containsExactly("a", "b", "c", "d");
        assertThat(fetched).as("no empty page after the last").isEqualTo(2);
        JsonNode byPage = api.get("/v2/registries/pager/repositoriesV2?per_page=2&page=2").json();
        assertThat(byPage.get("links").get("pages").has("next")).isFalse();
        assertThat(api.get("/v2/registries/pager/repositoriesV2?per_page=4").json().get("links").get("pages")
                .has("next")).isFalse();
    }

    // --- sizes ---------------------------------------------------------------------------------------------------------

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** One zstd frame with its content size in the header and the content in one raw block. */
    static byte[] zstdRaw(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});
        out.write(0xa0); // 4-byte frame content size, single segment
        for (int i = 0; i < 4; i++) {
            out.write((content.length >>> (8 * i)) & 0xff);
        }
        int block = (content.length << 3) | 1; // raw block, last
        out.write(block & 0xff);
        out.write((block >>> 8) & 0xff);
        out.write((block >>> 16) & 0xff);
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] text(int n, String seed) {
        StringBuilder s = new StringBuilder();
        while (s.length() < n) {
            s.append(seed).append(' ').append(s.length()).append('\n');
        }
        return s.substring(0, n).getBytes(StandardCharsets.UTF_8);
    }

    /** size_bytes of the tag whose only layer is {@code layer}, minus its compressed size: what the layer adds. */
    static long sizeDifference(ApiClient api, String repo, byte[] layer) {
        data.pushImage("sizes/" + repo, "v1", layer);
        JsonNode tag = api.get("/v2/registries/sizes/repositories/" + repo + "/tags").json().get("tags").get(0);
        JsonNode manifest = api.get("/v2/registries/sizes/repositories/" + repo + "/digests").json()
                .get("manifests").get(0);
        assertThat(manifest.get("size_bytes").asLong()).isEqualTo(tag.get("size_bytes").asLong());
        assertThat(manifest.get("compressed_size_bytes").asLong()).isEqualTo(tag.get("compressed_size_bytes").asLong());
        return tag.get("size_bytes").asLong() - tag.get("compressed_size_bytes").asLong();
    }

    @Test
    void sizeBytes_isTheUncompressedSize_whereTheLayerSaysSoCheaply() {
        ApiClient api = user("sizer");
        api.post("/v2/registries", "{\"name\":\"sizes\",\"subscription_tier_slug\":\"professional\"}");
        byte[] content = text(200_000, "gzip");
        byte[] gz = gzip(content);
        assertThat(sizeDifference(api, "gzip", gz)).isEqualTo(content.length - gz.length);
        byte[] raw = text(5_000, "zstd");
        byte[] zst = zstdRaw(raw);
        assertThat(sizeDifference(api, "zstd", zst)).isEqualTo(raw.length - zst.length);
        // several gzip members (as eStargz writes): the trailer only knows the last one, so the compressed size
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        members.writeBytes(gzip(text(100_000, "first")));
        members.writeBytes(gzip(new byte[0]));
        assertThat(sizeDifference(api, "members", members.toByteArray())).isZero();
        assertThat(sizeDifference(api, "plain", text(3_000, "tar"))).isZero();
        // asked again, the stored figure answers the same
        assertThat(sizeDifference(api, "gzip", gz)).isEqualTo(content.length - gz.length);
    }

    // --- garbage collection history ------------------------------------------------------------------------------------

    @Test
    void gcHistory_doesNotPassToANewRegistryOfTheSameName() throws Exception {
        ApiClient first = user("gc-first");
        assertThat(first.post("/v2/registries", "{\"name\":\"reused\"}").status()).isEqualTo(201);
        Res run = first.post("/v2/registries/reused/garbage-collection", null);
        assertThat(run.status()).as(run.toString()).isEqualTo(201);
        String uuid = run.json().get("garbage_collection").get("uuid").asText();
        for (int i = 0; i < 500 && registry.server().gc().get(uuid).orElseThrow().status().active(); i++) {
            Thread.sleep(20);
        }
        assertThat(first.get("/v2/registries/reused/garbage-collections").text()).contains(uuid);
        assertThat(first.delete("/v2/registries/reused").status()).isEqualTo(204);

        ApiClient second = user("gc-second");
        assertThat(second.post("/v2/registries", "{\"name\":\"reused\"}").status()).isEqualTo(201);
        Res list = second.get("/v2/registries/reused/garbage-collections");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).doesNotContain(uuid);
        assertThat(list.json().get("garbage_collections")).isEmpty();
        assertThat(list.json().get("meta").get("total").asLong()).isZero();
        ManagementApiTest.assertError(second.put("/v2/registries/reused/garbage-collection/" + uuid,
                "{\"cancel\":true}"), 404, "not_found");
    }
}
