package dev.wharf.http;

import dev.wharf.testing.RawHttp;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request refused before its body was read, whose body arrives after its headers (as it does from any client
 * whose headers and body leave in separate packets), is answered, and its connection carries the next request.
 * Without the drain, the server answers, finds body bytes it cannot read at once and drops the connection, so a
 * client that reuses it sees "no bytes" instead of an answer.
 */
class RefusedBodyEverySurfaceTest {
    private static TestRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start();
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    @ParameterizedTest
    @CsvSource({
        "api, /v2/registries, 401",
        "main, /api/v2/registries, 401",
        "main, /ui/api/gc, 403",
        "main, /v2/refused/app/blobs/uploads/no-such-upload, 404",
    })
    void refusedBodyArrivingLate_isAnswered_andTheConnectionCarriesTheNextRequest(String listener, String path,
                                                                                  int status) throws Exception {
        int port = listener.equals("api") ? registry.server().apiPort() : registry.server().port();
        String body = "{\"name\":\"" + "x".repeat(2000) + "\"}";
        String method = path.contains("/uploads/") ? "PATCH" : "POST";
        try (RawHttp c = new RawHttp(port)) {
            c.send(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            Thread.sleep(200); // the body leaves after the headers
            c.send(body);
            assertThat(c.readResponse(Duration.ofSeconds(10))).contains(" " + status + " ");
            c.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(c.readResponse(Duration.ofSeconds(10))).as("the next request on the same connection")
                    .contains(" 200 ");
        }
    }
}
