package io.nomadiis.mgmt.http;

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
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
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
 */
public final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(RequestHandler.class.getName());

    /** How long, and how much, a refused upload is still read and dropped after its answer (lingering close). */
    private static final long LINGER_MILLIS = 2_000;

    private static final long LINGER_MAX_BYTES = 64L << 20;

    private final ApiContext api;
    private final ArrayDeque<HttpObject> backlog = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private InFlight current;
    private boolean lingering;
    private long lingerBytes;

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
        this.api = api;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        this.ctx = context;
        context.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (lingering) {
            discard(msg);
            return;
        }
        if (msg instanceof HttpObject http) {
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

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        backlog.forEach(ReferenceCountUtil::release);
        backlog.clear();
        if (current != null && !current.requestRead) {
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
                        "management api request " + current.exchange.requestId() + " closed: no request data for "
                                + api.limits().idleSeconds() + " s");
                context.close();
            }
            return;
        }
        context.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.log(Level.DEBUG, "management api connection failed: " + cause);
        if (current != null && !current.exchange.answered() && context.channel().isActive()) {
            current.exchange.closeAfterResponse();
            current.exchange.sendError(new ApiException(400, "bad request: " + cause.getMessage()));
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
        boolean hasBody = HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
        try {
            if (request.decoderResult().isFailure()) {
                throw ApiException.badRequest("malformed http request");
            }
            Route route = new RequestGate(api).admit(exchange);
            boolean expectsContinue = HttpUtil.is100ContinueExpected(request);
            if (route.upload() != null) {
                long declared = exchange.contentLength();
                if (declared > api.limits().maxBodyBytes()) {
                    throw ApiException.tooLarge("request body of " + declared + " bytes is larger than the limit of "
                            + api.limits().maxBodyBytes() + " bytes");
                }
                StreamingBody body = new StreamingBody(
                        exchange,
                        api.workers(),
                        api.limits().maxBodyBytes(),
                        () -> ctx.executor().execute(this::drain));
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
            refuse(flight, new ApiException(503, "the management api is busy; retry later"), hasBody);
        }
    }

    private void refuse(InFlight flight, ApiException e, boolean hasBody) {
        flight.body = BodyConsumer.IGNORE;
        if (hasBody || e.status() == 400) {
            flight.exchange.closeAfterResponse();
        }
        if (!flight.exchange.answered()) {
            flight.exchange.sendError(e);
        }
    }

    /** Called from any thread with the future of the response's last write. */
    private void onResponseWritten(Exchange exchange, ChannelFuture future) {
        future.addListener(f -> ctx.executor().execute(() -> {
            LOG.log(
                    Level.DEBUG,
                    "management api " + exchange.method() + " " + exchange.rawPath() + " -> " + exchange.status()
                            + " (request " + exchange.requestId() + ")");
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
