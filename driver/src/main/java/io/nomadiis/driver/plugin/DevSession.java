package io.nomadiis.driver.plugin;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.nomadiis.proto.base.BasePluginGrpc;
import io.nomadiis.proto.base.PluginInfoRequest;
import io.nomadiis.proto.base.PluginInfoResponse;
import io.nomadiis.proto.base.SetConfigRequest;
import io.nomadiis.proto.drivers.DriverGrpc;
import io.nomadiis.proto.drivers.FingerprintRequest;
import io.nomadiis.proto.drivers.FingerprintResponse;
import io.nomadiis.proto.drivers.InitRequest;
import io.nomadiis.proto.structs.Attribute;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Nomad client used by dev mode: connects to a plugin server over loopback and
 * makes the calls Nomad makes at launch (PluginInfo, SetConfig, Init, Fingerprint), rendering
 * the answers as text for a terminal.
 */
public final class DevSession implements AutoCloseable {

    private final ManagedChannel channel;

    private DevSession(ManagedChannel channel) {
        this.channel = channel;
    }

    /** Connects to the plugin listening on 127.0.0.1:{@code port}, using the server's event loops. */
    public static DevSession connect(int port, EventLoopGroup group) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .eventLoopGroup(group)
                .channelType(NioSocketChannel.class)
                .directExecutor()
                .build();
        return new DevSession(channel);
    }

    /** The channel to the plugin, for the dev job's task calls. */
    ManagedChannel channel() {
        return channel;
    }

    /** PluginInfo, rendered as one line. */
    public String pluginInfo() {
        PluginInfoResponse info = BasePluginGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .pluginInfo(PluginInfoRequest.getDefaultInstance());
        return "plugin: name=" + info.getName() + " type=" + info.getType() + " version=" + info.getPluginVersion()
                + " api_versions=" + info.getPluginApiVersionsList();
    }

    /** SetConfig with the given cty msgpack bytes, then Init, as the long-lived launch does. */
    public void configure(byte[] msgpack) {
        BasePluginGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .setConfig(SetConfigRequest.newBuilder()
                        .setMsgpackConfig(ByteString.copyFrom(msgpack))
                        .setPluginApiVersion("v0.1.0")
                        .build());
        DriverGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .init(InitRequest.getDefaultInstance());
    }

    /** The fingerprint stream, each message rendered as text; blocks for the next message. */
    public Iterator<String> fingerprints() {
        Iterator<FingerprintResponse> stream =
                DriverGrpc.newBlockingStub(channel).fingerprint(FingerprintRequest.getDefaultInstance());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return stream.hasNext();
            }

            @Override
            public String next() {
                return render(stream.next());
            }
        };
    }

    static String render(FingerprintResponse fingerprint) {
        StringBuilder text = new StringBuilder("fingerprint: health=")
                .append(fingerprint.getHealth())
                .append(" description=\"")
                .append(fingerprint.getHealthDescription())
                .append('"');
        for (Map.Entry<String, Attribute> entry : new TreeMap<>(fingerprint.getAttributesMap()).entrySet()) {
            text.append("\n  ").append(entry.getKey()).append(" = ").append(value(entry.getValue()));
        }
        return text.toString();
    }

    private static String value(Attribute attribute) {
        return switch (attribute.getValueCase()) {
                    case BOOL_VAL -> Boolean.toString(attribute.getBoolVal());
                    case INT_VAL -> Long.toString(attribute.getIntVal());
                    case FLOAT_VAL -> Double.toString(attribute.getFloatVal());
                    case STRING_VAL -> attribute.getStringVal();
                    case VALUE_NOT_SET -> "";
                }
                + attribute.getUnit();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
