package io.nomadiis.iis.portable;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The portable host's control protocol, declared once for both sides: every operation the plugin
 * ({@link PortableIisHost} through {@link ServiceClient}) may send and the service
 * ({@code service.ControlServer}) serves, with its request and answer types and whether it may be sent again when
 * its answer was lost. The wire form is {@code POST /op/<name>} with the request as JSON; the answer is JSON, an
 * error is a {@link ControlError}.
 *
 * <p>The service refuses to start unless it serves every operation declared here, so the two sides cannot drift.
 *
 * @param <Q> the request type
 * @param <A> the answer type
 */
public final class ControlOperation<Q, A> {

    /** An empty request or answer ({@code {}} on the wire). */
    public record Empty() {
        /** The one value. */
        public static final Empty VALUE = new Empty();
    }

    /** A request naming one site or pool. */
    public record Named(String name) {}

    /** The answer of {@link #PING}: the service's process id. */
    public record Pong(long pid) {}

    /** The answer of {@link #SITE}: the site, or {@code present=false} and no value. */
    public record SiteLookup(boolean present, SiteSpec value) {
        /** The site, when present. */
        public Optional<SiteSpec> site() {
            return present ? Optional.ofNullable(value) : Optional.empty();
        }
    }

    private static final List<ControlOperation<?, ?>> ALL = new ArrayList<>();

    /** Whether the service answers; sent by health checks without starting a service. */
    public static final ControlOperation<Empty, Pong> PING = repeatable("ping", Empty.class, Pong.class);
    /** Asks a service of another build to exit so a new one takes over (its workers keep running). */
    public static final ControlOperation<Empty, Empty> HAND_OVER = once("handOver", Empty.class, Empty.class);
    /** {@link io.nomadiis.iis.IisHost#deploy}: not repeatable (a second deploy of the same site fails). */
    public static final ControlOperation<WebsiteDeployment, Empty> DEPLOY =
            once("deploy", WebsiteDeployment.class, Empty.class);
    /** {@link io.nomadiis.iis.IisHost#remove}: idempotent. */
    public static final ControlOperation<WebsiteRemoval, Empty> REMOVE =
            repeatable("remove", WebsiteRemoval.class, Empty.class);
    /** {@link io.nomadiis.iis.IisHost#installCertificate}: installing the same material again changes nothing. */
    public static final ControlOperation<CertificateSpec, InstalledCertificate> INSTALL_CERTIFICATE =
            repeatable("installCertificate", CertificateSpec.class, InstalledCertificate.class);
    /** {@link io.nomadiis.iis.IisHost#siteNames}. */
    public static final ControlOperation<Empty, List<String>> SITE_NAMES =
            repeatable("siteNames", type(Empty.class), names());
    /** {@link io.nomadiis.iis.IisHost#poolNames}. */
    public static final ControlOperation<Empty, List<String>> POOL_NAMES =
            repeatable("poolNames", type(Empty.class), names());
    /** {@link io.nomadiis.iis.IisHost#site}. */
    public static final ControlOperation<Named, SiteLookup> SITE = repeatable("site", Named.class, SiteLookup.class);
    /** {@link io.nomadiis.iis.IisHost#poolRuntime}. */
    public static final ControlOperation<Named, PoolRuntime> POOL_RUNTIME =
            repeatable("poolRuntime", Named.class, PoolRuntime.class);
    /** {@link io.nomadiis.iis.IisHost#startPool}: a started pool stays started. */
    public static final ControlOperation<Named, Empty> START_POOL = repeatable("startPool", Named.class, Empty.class);
    /** {@link io.nomadiis.iis.IisHost#stopPool}: a stopped pool stays stopped. */
    public static final ControlOperation<Named, Empty> STOP_POOL = repeatable("stopPool", Named.class, Empty.class);
    /** {@link io.nomadiis.iis.IisHost#recyclePool}: not repeatable (each call replaces the worker). */
    public static final ControlOperation<Named, Empty> RECYCLE_POOL = once("recyclePool", Named.class, Empty.class);

    private final String name;
    private final JavaType requestType;
    private final JavaType answerType;
    private final boolean repeatable;

    private ControlOperation(String name, JavaType requestType, JavaType answerType, boolean repeatable) {
        this.name = Objects.requireNonNull(name);
        this.requestType = Objects.requireNonNull(requestType);
        this.answerType = Objects.requireNonNull(answerType);
        this.repeatable = repeatable;
    }

    private static JavaType type(Class<?> type) {
        return TypeFactory.defaultInstance().constructType(type);
    }

    private static JavaType names() {
        return TypeFactory.defaultInstance().constructCollectionType(List.class, String.class);
    }

    private static <Q, A> ControlOperation<Q, A> repeatable(String name, Class<Q> request, Class<A> answer) {
        return repeatable(name, type(request), type(answer));
    }

    private static <Q, A> ControlOperation<Q, A> repeatable(String name, JavaType request, JavaType answer) {
        return add(new ControlOperation<>(name, request, answer, true));
    }

    private static <Q, A> ControlOperation<Q, A> once(String name, Class<Q> request, Class<A> answer) {
        return add(new ControlOperation<>(name, type(request), type(answer), false));
    }

    private static <Q, A> ControlOperation<Q, A> add(ControlOperation<Q, A> operation) {
        if (byName(operation.name).isPresent()) {
            throw new IllegalStateException("control operation declared twice: " + operation.name);
        }
        ALL.add(operation);
        return operation;
    }

    /** Every operation, in declaration order. */
    public static List<ControlOperation<?, ?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The operation sent as {@code /op/<name>}, if there is one. */
    public static Optional<ControlOperation<?, ?>> byName(String name) {
        return ALL.stream().filter(o -> o.name.equals(name)).findFirst();
    }

    /** The name on the wire. */
    public String name() {
        return name;
    }

    /** Whether the request may be sent again when its answer was lost: repeating it changes nothing. */
    public boolean repeatable() {
        return repeatable;
    }

    /** The request as JSON bytes. */
    public byte[] encodeRequest(Q request) throws IOException {
        return write(request);
    }

    /** The request from its JSON (an absent body is {@code {}}). */
    public Q decodeRequest(JsonNode body) throws IOException {
        return read(body, requestType);
    }

    /** The answer as JSON bytes. */
    public byte[] encodeAnswer(A answer) throws IOException {
        return write(answer);
    }

    /** The answer from its JSON. */
    public A decodeAnswer(JsonNode body) throws IOException {
        return read(body, answerType);
    }

    private static byte[] write(Object value) throws IOException {
        return Json.MAPPER
                .writer()
                .without(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .writeValueAsBytes(value);
    }

    private static <T> T read(JsonNode body, JavaType type) throws IOException {
        JsonNode node = body == null || body.isMissingNode() || body.isNull() ? Json.MAPPER.createObjectNode() : body;
        return Json.MAPPER.readerFor(type).readValue(node);
    }

    @Override
    public String toString() {
        return name;
    }
}
