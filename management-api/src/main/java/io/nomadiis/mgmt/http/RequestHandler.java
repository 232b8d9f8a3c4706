package io.nomadiis.mgmt.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.nomadiis.log.LogField;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One connection's request loop. The channel does not auto-read: this handler asks for more input
 * only when it can take it, which gives uploads backpressure and keeps pipelined requests waiting
 * until the one before is answered. Routing, authentication and the task lookup happen here on the
 * event loop ({@link RequestGate}); route handlers and body sinks run on worker threads.
 *
 * <p>Every request gets exactly one answer, in order: a full worker pool is answered 503 with
 * {@code Retry-After} (or, for work of a body already being received, waits, see
 * {@link WorkHandoff}); a broken body encoding or a lost connection reaches the body's consumer as
 * a failure, never as its end. A connection must deliver its first request head within
 * {@link ConnectionPolicy#firstRequestMillis()}, may have at most
 * {@link ConnectionPolicy#maxPipelined()} requests waiting, and one opened past the per-client
 * cap ({@link ConnectionLimiter}) gets 503 for its first request. All methods run on the channel's
 * event loop, except {@link #onResponseWritten}, which hops there.
 */
public final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(RequestHandler.class.getName());

    /** How long, and how much, a refused upload is still read and dropped after its answer (lingering close). */
    private static final long LINGER_MILLIS = 2_000;

    private static final long LINGER_MAX_BYTES = 64L << 20;

    private final ApiContext api;
    private final ArrayDeque<HttpObject> backlog = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private WorkHandoff handoff;
    private InFlight current;
    private boolean lingering;
    private long lingerBytes;
    private boolean sawRequest;
    private ScheduledFuture<?> firstRequestDeadline;
    private int queuedRequests;
    private HttpRequest overflowAt;

    /** The request being served. Fields are touched on the event loop only. */
    private static final class InFlight {
        final Exchange exchange;
        BodyConsumer body = BodyConsumer.IGNORE;
        boolean requestRead;
        boolean responseDone;

        InFlight(Exchange exchange) {
            this.exchange = exchange;
        }
    }

    public RequestHandler(ApiContext api) {
        this.api = requireNonNull(api, "api");
    }

    /** The answer to a body whose encoding broke or that ended short. */
    static ApiException brokenBody() {
        return ApiException.badRequest("malformed request body: its chunked encoding or length is broken");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.handoff = new WorkHandoff(api.workers(), context.executor());
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        firstRequestDeadline = context.executor()
                .schedule(
                        () -> {
                            if (!sawRequest) {
                                LOG.log(Level.DEBUG, "management api connection closed: no request head in time");
                                context.close();
                            }
                        },
                        api.connections().firstRequestMillis(),
                        TimeUnit.MILLISECONDS);
        context.read();
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (lingering || overflowAt != null) {
            discard(msg);
            return;
        }
        if (msg instanceof HttpObject http) {
            if (http instanceof HttpRequest request) {
                if (!sawRequest) {
                    sawRequest = true;
                    firstRequestDeadline.cancel(false);
                }
                if (queuedRequests >= api.connections().maxPipelined()) {
                    overflowAt = request;
                }
                queuedRequests++;
            }
            backlog.add(http);
            drain();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (lingering || wantsInput()) {
            context.read();
        }
    }

    /** The connection is gone: a body still being received is aborted (its sink undoes everything). */
    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (firstRequestDeadline != null) {
            firstRequestDeadline.cancel(false);
        }
        backlog.forEach(ReferenceCountUtil::release);
        backlog.clear();
        if (current != null && !current.requestRead) {
            current.requestRead = true;
            current.body.abort();
        }
        context.fireChannelInactive();
    }

    /** Closes connections that stay silent while this side waits for them; a stalled upload is aborted. */
    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (current == null) {
                context.close();
            } else if (!current.requestRead && current.body.canAccept()) {
                LOG.log(
                        Level.INFO,
                        "management api request closed: no request data in time",
                        LogField.of("request_id", current.exchange.requestId()),
                        LogField.of("idle_seconds", api.limits().idleSeconds()));
                context.close();
            }
            return;
        }
        context.fireUserEventTriggered(event);
    }

    /**
     * An I/O error or a failure of this handler: a body being received is failed (never ended),
     * an unanswered request gets a generic answer (no exception text reaches the client), and the
     * connection closes after it.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        boolean decoding = cause instanceof io.netty.handler.codec.DecoderException;
        LOG.log(decoding ? Level.DEBUG : Level.WARNING, "management api connection failed", cause);
        if (current != null && !current.requestRead && context.channel().isActive()) {
            // the body's consumer answers (or the request was already answered and it ignores this)
            current.requestRead = true;
            current.exchange.closeAfterResponse();
            current.body.fail(decoding ? brokenBody() : new ApiException(500, "internal error"));
        } else {
            context.close();
        }
    }

    private boolean wantsInput() {
        return ctx.channel().isActive()
                && backlog.isEmpty()
                && (current == null || (!current.requestRead && current.body.canAccept()));
    }

    private void drain() {
        while (!backlog.isEmpty() && ctx.channel().isActive()) {
            if (current == null) {
                HttpObject next = backlog.poll();
                if (next instanceof HttpRequest request) {
                    queuedRequests--;
                    begin(request);
                } else {
                    ReferenceCountUtil.release(next);
                }
                continue;
            }
            if (current.requestRead || !current.body.canAccept()) {
                break;
            }
            HttpObject next = backlog.poll();
            if (!(next instanceof HttpContent content)) {
                ReferenceCountUtil.release(next);
                ctx.close();
                return;
            }
            InFlight flight = current;
            if (content.decoderResult().isFailure()) {
                // a garbage chunk size, an over-long chunk line, ...: the body ends here, as a failure
                content.release();
                flight.requestRead = true;
                flight.exchange.closeAfterResponse();
                backlog.forEach(ReferenceCountUtil::release);
                backlog.clear();
                flight.body.fail(brokenBody());
                return;
            }
            flight.body.accept(content);
            if (content instanceof LastHttpContent) {
                flight.requestRead = true;
                flight.body.end();
                finishIfDone(flight);
            }
        }
        if (wantsInput()) {
            ctx.read();
        }
    }

    private void begin(HttpRequest request) {
        String requestId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        InFlight flight = new InFlight(new Exchange(
                ctx.channel(), request, requestId, api.limits().idleSeconds() * 1000L, this::onResponseWritten));
        current = flight;
        Exchange exchange = flight.exchange;
        boolean hasBody = hasBody(request);
        try {
            if (request == overflowAt) {
                exchange.closeAfterResponse();
                throw ApiException.unavailable(
                        "more than " + api.connections().maxPipelined() + " pipelined requests; send fewer at a time");
            }
            if (request.decoderResult().isFailure()) {
                throw headFailure(request.decoderResult().cause());
            }
            if (ConnectionLimiter.isOverClientCap(ctx.channel())) {
                exchange.closeAfterResponse();
                throw ApiException.unavailable("too many connections from this client; retry later");
            }
            if (exchange.malformedQuery()) {
                throw ApiException.badRequest("malformed query string");
            }
            Route route = new RequestGate(api).admit(exchange);
            if (exchange.grant() != null) {
                ConnectionLimiter.authenticated(ctx.channel());
            }
            boolean expectsContinue = HttpUtil.is100ContinueExpected(request);
            if (route.upload() != null) {
                long declared = exchange.contentLength();
                if (declared > api.limits().maxBodyBytes()) {
                    throw ApiException.tooLarge("request body of " + declared + " bytes is larger than the limit of "
                            + api.limits().maxBodyBytes() + " bytes");
                }
                StreamingBody body = new StreamingBody(
                        exchange, api.workers(), handoff, api.limits().maxBodyBytes(), () -> onLoop(this::drain));
                flight.body = body;
                body.start(route.upload());
            } else {
                flight.body = new SmallBody(
                        exchange,
                        api.limits().maxSmallBodyBytes(),
                        () -> api.workers().execute(() -> Dispatch.run(exchange, route.handler(), ctx::close)));
            }
            if (expectsContinue) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
        } catch (ApiException e) {
            refuse(flight, e, hasBody);
        } catch (RejectedExecutionException e) {
            refuse(flight, ApiException.busy(), hasBody);
        }
    }

    private static boolean hasBody(HttpRequest request) {
        try {
            return HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** The answer to a request head the decoder refused. */
    private static ApiException headFailure(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new ApiException(414, "request line is longer than the limit");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new ApiException(431, "request headers are larger than the limit");
        }
        return ApiException.badRequest("malformed http request");
    }

    private void refuse(InFlight flight, ApiException e, boolean hasBody) {
        flight.body = BodyConsumer.IGNORE;
        if (hasBody
                || e.status() == 400
                || flight.exchange.request().decoderResult().isFailure()) {
            flight.exchange.closeAfterResponse();
        }
        if (!flight.exchange.answered()) {
            flight.exchange.sendError(e);
        }
    }

    /**
     * Runs {@code step} on this connection's event loop. Called from worker threads; once the server has shut
     * its event loop down (the channel is closed with it) there is nothing left to do for the connection.
     */
    private void onLoop(Runnable step) {
        try {
            ctx.executor().execute(step);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "management api connection outlived its event loop", LogField.error(e));
        }
    }

    /** Called from any thread with the future of the response's last write. */
    private void onResponseWritten(Exchange exchange, ChannelFuture future) {
        future.addListener(f -> onLoop(() -> {
            LOG.log(
                    Level.DEBUG,
                    "management api request answered",
                    LogField.of("request_id", exchange.requestId()),
                    LogField.of("method", String.valueOf(exchange.method())),
                    LogField.path(exchange.rawPath()),
                    LogField.of("status", exchange.status()));
            InFlight flight = current;
            if (!f.isSuccess()) {
                ctx.close();
                return;
            }
            if (exchange.closesAfterResponse()) {
                if (flight != null && flight.exchange == exchange && !flight.requestRead) {
                    lingerThenClose();
                } else {
                    ctx.close();
                }
                return;
            }
            if (flight != null && flight.exchange == exchange) {
                flight.responseDone = true;
                finishIfDone(flight);
                drain();
            }
        }));
    }

    /**
     * Closes a connection whose request body is still arriving without losing the answer already sent:
     * closing at once would make the kernel reset the connection over the unread body, and the client
     * would often never see the (413, 401, ...) response. So the output side is shut, the rest of the
     * body is read and dropped for a short, bounded while, and then the connection is closed.
     */
    private void lingerThenClose() {
        if (!(ctx.channel() instanceof DuplexChannel duplex)) {
            ctx.close();
            return;
        }
        lingering = true;
        backlog.forEach(ReferenceCountUtil::release);
        backlog.clear();
        if (current != null) {
            current.body.abort();
            current = null;
        }
        duplex.shutdownOutput();
        ctx.executor()
                .schedule(
                        () -> {
                            ctx.close();
                        },
                        LINGER_MILLIS,
                        TimeUnit.MILLISECONDS);
        ctx.read();
    }

    private void discard(Object msg) {
        if (msg instanceof HttpContent content) {
            lingerBytes += content.content().readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (lingerBytes > LINGER_MAX_BYTES) {
            ctx.close();
        }
    }

    private void finishIfDone(InFlight flight) {
        if (flight == current && flight.requestRead && flight.responseDone) {
            current = null;
        }
    }
}
