package io.nomadiis.mgmt.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.nomadiis.driver.task.TaskDirectory;
import io.nomadiis.driver.task.TaskView;
import io.nomadiis.mgmt.Limits;
import io.nomadiis.mgmt.auth.Authenticator;
import io.nomadiis.mgmt.auth.Capability;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The management API's HTTP state machine on an {@link EmbeddedChannel}, the way Netty tests its
 * own codecs (issue 8 section 4): the real {@link HttpServerCodec} and {@link RequestHandler},
 * with route handlers and body sinks run on the calling thread, so every step is deterministic.
 * Covers {@link Router}, {@link PercentDecoder}, keep-alive and pipelining order, 100-continue,
 * the close after a refused body, a broken chunked body and the first-request deadline.
 */
class HttpStateMachineTest {
    static final String KEY = "state-machine-key";

    private final List<String> sinkEvents = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    /** Runs every task at once on the caller (the embedded event loop's thread). */
    static final class CallerRuns extends AbstractExecutorService {
        private boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    private static final TaskDirectory NO_TASKS = new TaskDirectory() {
        @Override
        public Optional<TaskView> find(String allocId, String taskName) {
            return Optional.empty();
        }

        @Override
        public List<TaskView> all() {
            return List.of();
        }
    };

    private Router router() {
        return new Router(List.of(
                new Route("GET", "/e/hello", null, false, ex -> ex.sendText(200, "hello"), null, "", "text/plain"),
                new Route(
                        "GET",
                        "/e/echo/{name}",
                        null,
                        false,
                        ex -> ex.sendText(
                                200, ex.param("name") + "|" + ex.query("q").orElse("-")),
                        null,
                        "",
                        "text/plain"),
                new Route(
                        "GET",
                        "/e/secret",
                        Capability.STATUS,
                        false,
                        ex -> ex.sendText(200, "secret"),
                        null,
                        "",
                        "text/plain"),
                new Route(
                        "PUT",
                        "/e/upload",
                        Capability.FILESYSTEM_ACCESS,
                        false,
                        null,
                        ex -> new BodySink() {
                            long bytes;

                            @Override
                            public void write(ByteBuffer b) {
                                bytes += b.remaining();
                                b.position(b.limit());
                            }

                            @Override
                            public void complete() {
                                sinkEvents.add("complete:" + bytes);
                                ex.sendText(200, "stored " + bytes);
                            }

                            @Override
                            public void abort() {
                                sinkEvents.add("abort:" + bytes);
                            }
                        },
                        "",
                        "text/plain")));
    }

    private EmbeddedChannel open(ConnectionPolicy policy) {
        ApiContext api = new ApiContext(
                router(), new Authenticator(KEY, null, false), NO_TASKS, new CallerRuns(), Limits.defaults(), policy);
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        channel = new EmbeddedChannel();
        channel.config().setAutoRead(false);
        channel.pipeline().addLast(new HttpServerCodec(8192, 16384, 65536), new RequestHandler(api));
        channel.pipeline().fireChannelActive();
        return channel;
    }

    private EmbeddedChannel open() {
        return open(ConnectionPolicy.defaults());
    }

    private String send(String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        return output();
    }

    private String output() {
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    @Test
    void router_matchesTemplates_405ListsMethods_404() {
        Router r = router();
        Router.Match m = r.match("GET", "/e/echo/a%2Fb");
        assertThat(m.found()).isTrue();
        assertThat(m.rawParams()).containsEntry("name", "a%2Fb");
        assertThat(r.match("POST", "/e/hello").allowedMethods()).containsExactly("GET");
        assertThat(r.match("GET", "/e/nothing").found()).isFalse();
        assertThat(r.match("GET", "/e/nothing").allowedMethods()).isEmpty();
        assertThat(r.match("GET", "/e/echo/").found())
                .as("an empty segment is no parameter")
                .isFalse();
        assertThat(Router.matchTemplate("/a/{path}", "/a/x/y/z")).containsEntry("path", "x/y/z");
    }

    @Test
    void percentDecoder_decodesOnce_keepsPlus_refusesMalformed() {
        assertThat(PercentDecoder.decode("a%2541")).isEqualTo("a%41");
        assertThat(PercentDecoder.decode("a+b%20c")).isEqualTo("a+b c");
        assertThat(PercentDecoder.decode("%C3%A9")).isEqualTo("é");
        assertThatThrownBy(() -> PercentDecoder.decode("%zz"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> PercentDecoder.decode("%"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> PercentDecoder.decode("%C3%28"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void keepAlive_twoRequestsInTurn_pathParameterDecodedOnce() {
        open();
        assertThat(send("GET /e/hello HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 200 OK")
                .contains("connection: keep-alive")
                .endsWith("hello");
        assertThat(send("GET /e/echo/a%2541?q=1 HTTP/1.1\r\nHost: x\r\n\r\n")).endsWith("a%41|1");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void pipelinedRequests_answeredInOrder() {
        open();
        String out = send("GET /e/echo/one HTTP/1.1\r\nHost: x\r\n\r\nGET /e/echo/two HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /e/hello HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(out.indexOf("one|-")).isPositive().isLessThan(out.indexOf("two|-"));
        assertThat(out.indexOf("two|-")).isLessThan(out.indexOf("hello"));
    }

    @Test
    void pipelineOverTheLimit_owedAnswersThen503AndClose() {
        open(new ConnectionPolicy(8, 8, 10_000, 8192, 16384, 2));
        String out = send("GET /e/hello HTTP/1.1\r\nHost: x\r\n\r\n".repeat(6));
        assertThat(out.split("HTTP/1\\.1 200 OK", -1)).hasSize(4);
        assertThat(out.substring(out.lastIndexOf("HTTP/1.1 "))).startsWith("HTTP/1.1 503");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void expectContinue_admittedGets100ThenTheAnswer() {
        open();
        String head = send("PUT /e/upload HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + KEY
                + "\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
        assertThat(head).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(send("abc")).startsWith("HTTP/1.1 200").endsWith("stored 3");
        assertThat(sinkEvents).containsExactly("complete:3");
    }

    @Test
    void expectContinue_refusedGetsNo100_andTheConnectionClosesAfterTheAnswer() {
        open();
        String out = send("PUT /e/upload HTTP/1.1\r\nHost: x\r\nX-Api-Key: wrong\r\n"
                + "Content-Length: 3\r\nExpect: 100-continue\r\n\r\n");
        assertThat(out)
                .startsWith("HTTP/1.1 401")
                .doesNotContain("100 Continue")
                .contains("connection: close");
        channel.runPendingTasks();
        assertThat(channel.isOpen())
                .as("a refused body is not read on: the connection closes")
                .isFalse();
        assertThat(sinkEvents).isEmpty();
    }

    @Test
    void brokenChunkedBody_sinkAbortedAnd400() {
        open();
        String out = send("PUT /e/upload HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + KEY
                + "\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nZZZ\r\n\r\n");
        assertThat(out).startsWith("HTTP/1.1 400").contains("malformed request body");
        assertThat(sinkEvents).singleElement().asString().startsWith("abort:");
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void connectionLostMidBody_sinkAborted() {
        open();
        send("PUT /e/upload HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + KEY + "\r\nContent-Length: 10\r\n\r\nabcd");
        channel.close();
        channel.runPendingTasks();
        assertThat(sinkEvents).singleElement().asString().startsWith("abort:");
    }

    @Test
    void malformedQuery_400_absoluteForm_routedByPath() {
        open();
        assertThat(send("GET /e/echo/x?q=%zz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
        open();
        assertThat(send("GET http://h:1/e/echo/x?q=2 HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 200")
                .endsWith("x|2");
    }

    @Test
    void noRequestHeadBeforeTheDeadline_connectionClosed() {
        open(ConnectionPolicy.defaults().withFirstRequestMillis(1_000));
        send("GET /e/hel");
        channel.advanceTimeBy(500, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(600, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void requestHeadInTime_deadlineNoLongerApplies() {
        open(ConnectionPolicy.defaults().withFirstRequestMillis(1_000));
        assertThat(send("GET /e/hello HTTP/1.1\r\nHost: x\r\n\r\n")).endsWith("hello");
        channel.advanceTimeBy(5, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
    }
}
