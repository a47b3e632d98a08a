package org.cityhub.binding.http.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.cityhub.api.outbound.DestinationRefusedException;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.tls.PemMaterial;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One endpoint's HTTP client (the JDK's, on threads of its own that end with the endpoint): resolves paths under
 * the base URL, adds the default and authentication headers, limits the answer's size, and turns failures into
 * sentences an integrator understands. It follows redirects itself: within the endpoint's origin with every
 * header, to another origin without the credentials, the default headers or the command's headers, and never
 * from https to http. The hub's outbound policy is asked before every request, redirect and token request.
 */
final class DepartmentClient {

    private static final String USER_AGENT = "CityHub http binding";
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** A request: method, path (or absolute URL), headers, and a body for commands. */
    record Request(String method, String path, Map<String, String> headers, @Nullable String body) {

        static Request get(String path, Map<String, String> headers) {
            return new Request("GET", path, headers, null);
        }
    }

    private final EndpointConfig config;
    private final ExecutorService threads;
    private final HttpClient client;
    private final Authentication authentication;
    private final OutboundPolicy outbound;

    DepartmentClient(EndpointConfig config, Clock clock, OutboundPolicy outbound) {
        this.config = config;
        this.outbound = outbound;
        int number = CLIENTS.incrementAndGet();
        this.threads = Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "cityhub-http-" + number);
            thread.setDaemon(true);
            return thread;
        });
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout()).executor(threads)
                .followRedirects(HttpClient.Redirect.NEVER);
        config.caCertificate().ifPresent(authorities -> builder.sslContext(trusting(authorities)));
        this.client = builder.build();
        this.authentication = authentication(config, client, this::admitted, clock);
    }

    /**
     * TLS that trusts only the configured authorities (a department's own CA), not the JVM's.
     *
     * @throws IllegalArgumentException if they cannot be read, saying why
     */
    private static SSLContext trusting(String authorities) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate certificate : PemMaterial.certificates("caCertificate", authorities)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("caCertificate: TLS set-up failed: " + e.getMessage(), e);
        }
    }

    /** The endpoint's authentication, so that a refusal can reset it. */
    Authentication authentication() {
        return authentication;
    }

    /**
     * Where a path leads: resolved under the base URL (a leading {@code /} stays under it).
     *
     * @throws IllegalArgumentException if it would lead outside the base URL
     */
    URI resolve(String path) {
        return EndpointPaths.resolve(config.baseUrl(), path);
    }

    /** Sends the request; completes with the answer, or fails with an exception whose message says what happened. */
    CompletableFuture<Answer> send(Request request) {
        URI uri;
        try {
            uri = resolve(request.path());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new RequestFailed(request.method() + " " + request.path() + ": "
                    + e.getMessage(), true));
        }
        return authentication.headers().thenCompose(credentials -> exchange(request, uri, credentials, 0))
                .thenApply(DepartmentClient::answer).exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                        explain(request.method() + " " + uri, failure)));
    }

    private CompletableFuture<HttpResponse<String>> exchange(Request request, URI uri, Map<String, String> credentials,
            int redirects) {
        boolean ownOrigin = EndpointPaths.sameOrigin(uri, config.baseUrl());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("User-Agent", USER_AGENT);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // no h2c upgrade on plain HTTP: servers with WebSocket listeners (Node.js) drop such requests
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (ownOrigin) {
            headers.putAll(config.headers());
            headers.putAll(credentials);
            headers.putAll(request.headers());
        } else {
            request.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                    .forEach(h -> headers.put(h.getKey(), h.getValue()));
        }
        headers.forEach(builder::setHeader);
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        HttpRequest built = builder.build();
        return admitted(uri).thenCompose(admitted -> client.sendAsync(built, this::limitedBody)).thenCompose(response -> {
            Optional<URI> next = redirectTarget(response, uri);
            if (next.isEmpty()) {
                return CompletableFuture.completedFuture(response);
            }
            if (redirects == MAX_REDIRECTS) {
                throw new RequestFailed("more than " + MAX_REDIRECTS + " redirects; the last to " + next.get(), false);
            }
            if ("https".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(next.get().getScheme())) {
                throw new RequestFailed("redirected from https to " + next.get() + "; not followed", false);
            }
            return exchange(redirected(request, response.statusCode()), next.get(), credentials, redirects + 1);
        });
    }

    /**
     * Completes when the outbound policy admits the destination (the name looked up on the client's threads);
     * a refusal fails it as a configuration error.
     */
    private CompletableFuture<URI> admitted(URI uri) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                outbound.admit(uri);
                return uri;
            } catch (DestinationRefusedException e) {
                throw new RequestFailed(e.getMessage(), true);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    /** The request a redirect asks for: 303, and 301/302 after anything but GET, become a GET without body. */
    private static Request redirected(Request request, int status) {
        boolean toGet = status == 303 || (status == 301 || status == 302) && !request.method().equals("GET");
        return toGet ? new Request("GET", request.path(), request.headers(), null) : request;
    }

    private static Optional<URI> redirectTarget(HttpResponse<String> response, URI from) {
        if (!REDIRECTS.contains(response.statusCode())) {
            return Optional.empty();
        }
        return response.headers().firstValue("Location").map(location -> {
            try {
                return from.resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new RequestFailed("redirected to '" + location + "', which is not a URL", false);
            }
        });
    }

    /** Ends the client's threads; requests under way fail. */
    void close() {
        threads.shutdownNow();
    }

    private HttpResponse.BodySubscriber<String> limitedBody(HttpResponse.ResponseInfo info) {
        String contentType = info.headers().firstValue("Content-Type").orElse("");
        long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length > config.maxBodyBytes()) {
            return HttpResponse.BodySubscribers.replacing(null);
        }
        return new LimitedBody(config.maxBodyBytes(), contentType);
    }

    private static Answer answer(HttpResponse<String> response) {
        if (response.body() == null) {
            throw new CompletionException(new LimitedBody.TooLarge(0));
        }
        var headers = response.headers();
        Optional<Duration> retryAfter = headers.firstValue("Retry-After").filter(v -> v.trim().matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())));
        return new Answer(response.statusCode(), headers.firstValue("Content-Type").orElse(""), response.body(),
                headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null), retryAfter);
    }

    /** A failure as a sentence: what request, and what went wrong with it. */
    private RequestFailed explain(String what, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RequestFailed explained) {
            return explained;
        }
        String reason;
        if (cause instanceof HttpConnectTimeoutException) {
            reason = "no connection within " + config.timeout().toSeconds() + " s";
        } else if (cause instanceof HttpTimeoutException) {
            reason = "no answer within " + config.timeout().toSeconds() + " s";
        } else if (cause instanceof ConnectException) {
            reason = "cannot connect (" + (cause.getMessage() == null ? "connection refused" : cause.getMessage()) + ")";
        } else if (cause instanceof UnknownHostException) {
            reason = "unknown host " + cause.getMessage();
        } else if (cause instanceof LimitedBody.TooLarge) {
            reason = "the answer is larger than " + config.maxBodyBytes() / 1024 + " KiB (the endpoint's maxBodyKilobytes)";
        } else {
            reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return new RequestFailed(what + ": " + reason, false);
    }

    private static Authentication authentication(EndpointConfig config, HttpClient client,
            Function<URI, CompletableFuture<URI>> admitted, Clock clock) {
        Map<String, String> c = config.credentials();
        switch (config.authentication()) {
            case "basic":
                return Authentication.basic(c.get("username"), c.get("password"));
            case "bearer":
                return Authentication.bearer(c.get("token"));
            case "apikey":
                return Authentication.apiKey(c.get("apiKeyHeader"), c.get("apiKey"));
            case "oauth2":
                return new OAuth2ClientCredentials(client, admitted, URI.create(c.get("tokenUrl")), c.get("clientId"),
                        c.get("clientSecret"), c.get("scope"), config.timeout(), clock);
            default:
                return Authentication.NONE;
        }
    }
}
