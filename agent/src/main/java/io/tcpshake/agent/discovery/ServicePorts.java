package io.tcpshake.agent.discovery;

import java.util.Map;
import java.util.Optional;

/**
 * What a well-known port usually serves, for the {@code service} label of a discovered target: the IANA
 * name where there is one ({@code postgresql}, {@code mysql}, {@code amqp}), else the name the software's
 * users know it by ({@code redis}, {@code kafka}, {@code elasticsearch}).
 */
final class ServicePorts {
    private static final Map<Integer, String> BY_PORT = Map.ofEntries(
            Map.entry(21, "ftp"), Map.entry(22, "ssh"), Map.entry(25, "smtp"), Map.entry(53, "dns"),
            Map.entry(80, "http"), Map.entry(389, "ldap"), Map.entry(443, "https"), Map.entry(465, "smtps"),
            Map.entry(587, "submission"), Map.entry(636, "ldaps"), Map.entry(1433, "mssql"),
            Map.entry(1521, "oracle"), Map.entry(2181, "zookeeper"), Map.entry(2379, "etcd"),
            Map.entry(3306, "mysql"), Map.entry(4222, "nats"), Map.entry(5432, "postgresql"),
            Map.entry(5671, "amqps"), Map.entry(5672, "amqp"), Map.entry(6379, "redis"),
            Map.entry(6380, "redis-tls"), Map.entry(6650, "pulsar"), Map.entry(7000, "cassandra"),
            Map.entry(8080, "http-alt"), Map.entry(8200, "vault"), Map.entry(8443, "https-alt"),
            Map.entry(8500, "consul"), Map.entry(9042, "cassandra"), Map.entry(9092, "kafka"),
            Map.entry(9093, "kafka-tls"), Map.entry(9200, "elasticsearch"), Map.entry(9300, "elasticsearch-transport"),
            Map.entry(11211, "memcached"), Map.entry(26257, "cockroachdb"), Map.entry(27017, "mongodb"),
            Map.entry(50051, "grpc"));

    private ServicePorts() {
    }

    /** The service usually on {@code port}, if it is a well-known one. */
    static Optional<String> of(int port) {
        return Optional.ofNullable(BY_PORT.get(port));
    }
}
