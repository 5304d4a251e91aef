package dev.wharf.http.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anonymous visitors cannot end anyone's session: they get no server-side state at all (the sign-in form's CSRF
 * token is a keyed hash of a cookie value), and each account holds a bounded number of sessions, its oldest going
 * first, so only that account's own sign-ins can push its sessions out.
 */
class UiSessionAbuseTest {
    private static final int ANONYMOUS_REQUESTS = 10_400;
    private static UiServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new UiServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static UiSession signedIn(String user, String password) {
        return signedIn(server, user, password);
    }

    private static UiSession signedIn(UiServer on, String user, String password) {
        UiSession s = new UiSession(on.uri());
        assertThat(s.signIn(user, password).statusCode()).isEqualTo(303);
        return s;
    }

    @Test
    void anonymousFlood_leavesTheStoreUnchanged_andTheSignedInUserSignedIn() throws Exception {
        UiSession admin = signedIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        int before = server.sessionCount();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        String[] paths = {"/ui/login", "/ui/", "/ui/repositories", "/ui/login?next=%2Fui%2Fgc"};
        int workers = 8;
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = worker; i < ANONYMOUS_REQUESTS; i += workers) {
                        HttpRequest r = HttpRequest.newBuilder(server.uri().resolve(paths[i % paths.length]))
                                .timeout(Duration.ofSeconds(30)).GET().build();
                        int status = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status == 200 || status == 303) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int answered = 0;
            for (Future<Integer> f : done) {
                answered += f.get();
            }
            assertThat(answered).isEqualTo(ANONYMOUS_REQUESTS);
        }
        assertThat(server.sessionCount()).as("no session for anonymous visitors").isEqualTo(before);
        assertThat(admin.get("/ui/").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void signInForm_stillNeedsItsCsrfToken() {
        UiSession s = new UiSession(server.uri());
        s.get("/ui/login");
        assertThat(s.cookie).as("a cookie to bind the token to").isNotNull();
        String form = "username=admin&password=" + UiSession.enc(TestAccounts.ADMIN_PASSWORD) + "&next=%2Fui%2F";
        assertThat(s.post("/ui/login", form).statusCode()).as("no token").isEqualTo(403);
        assertThat(s.post("/ui/login", form + "&csrf=" + UiSession.enc(s.csrf + "x")).statusCode())
                .as("a wrong token").isEqualTo(403);

        UiSession other = new UiSession(server.uri());
        other.get("/ui/login");
        assertThat(s.post("/ui/login", form + "&csrf=" + UiSession.enc(other.csrf)).statusCode())
                .as("another browser's token").isEqualTo(403);

        UiSession cookieless = new UiSession(server.uri());
        assertThat(cookieless.post("/ui/login", form + "&csrf=" + UiSession.enc(s.csrf)).statusCode())
                .as("a token without its cookie").isEqualTo(403);

        assertThat(s.post("/ui/login", form + "&csrf=" + UiSession.enc(s.csrf)).statusCode()).isEqualTo(303);
        assertThat(s.get("/ui/").statusCode()).isEqualTo(200);
    }

    @Test
    void perAccountCap_evictsOnlyThatAccountsOldestSession() throws Exception {
        try (UiServer own = new UiServer()) {
            UiSession reader = signedIn(own, TestAccounts.READER, TestAccounts.READER_PASSWORD);
            List<UiSession> admins = new ArrayList<>();
            for (int i = 0; i < Sessions.MAX_PER_ACCOUNT; i++) {
                admins.add(signedIn(own, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD));
                own.advanceClock(Duration.ofSeconds(1));
            }
            for (UiSession s : admins) {
                assertThat(s.get("/ui/").statusCode()).as("within the cap").isEqualTo(200);
            }
            UiSession newest = signedIn(own, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);

            assertThat(admins.get(0).get("/ui/").statusCode()).as("the account's oldest session went").isEqualTo(303);
            for (UiSession s : admins.subList(1, admins.size())) {
                assertThat(s.get("/ui/").statusCode()).isEqualTo(200);
            }
            assertThat(newest.get("/ui/").statusCode()).isEqualTo(200);
            assertThat(reader.get("/ui/").statusCode()).as("another account's session stays").isEqualTo(200);
            assertThat(own.sessionCount()).isEqualTo(Sessions.MAX_PER_ACCOUNT + 1);
        }
    }
}
