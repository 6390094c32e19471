package io.tcpshake.agent.hostapp;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The host application's own OpenTelemetry SDK (another version than tcpshake's, from its class path),
 * registered as {@link GlobalOpenTelemetry} as applications do: it counts requests and reads its own
 * metrics back, so a test sees that tcpshake neither took the global instance nor put metrics into it.
 */
final class HostAppOtel {
    private static final Reader READER = new Reader();

    private HostAppOtel() {
    }

    /** Registers the SDK globally and counts 3 requests through the global meter. */
    static void start() {
        OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder().registerMetricReader(READER).build())
                .buildAndRegisterGlobal();
        LongCounter requests = GlobalOpenTelemetry.getMeter("hostapp").counterBuilder("hostapp.requests").build();
        requests.add(3);
        report();
    }

    /** Prints where OpenTelemetry comes from and the metrics the global SDK holds. */
    static void report() {
        List<String> names = READER.registration.collectAllMetrics().stream().map(MetricData::getName).sorted()
                .collect(Collectors.toList());
        System.out.println("hostapp: opentelemetry from " + HostApp.jarOf(GlobalOpenTelemetry.class)
                + ", its global SDK holds " + names);
    }

    /** A reader that only lets the app collect on demand. */
    private static final class Reader implements MetricReader {
        private volatile CollectionRegistration registration = CollectionRegistration.noop();

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
