package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A wrong command line exits 2 with ONE line on stderr saying what is wrong, and checks nothing. */
class UsageErrorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "check -a x                        | tcpshake check: invalid address 'x': no port: expected host:port, e.g. 127.0.0.1:5432 (see tcpshake check --help)",
        "check -a 127.0.0.1:65536          | tcpshake check: invalid address '127.0.0.1:65536': port 65536 is out of range 1..65535 (see tcpshake check --help)",
        "check -a 127.0.0.1:0              | tcpshake check: invalid address '127.0.0.1:0': port 0 is out of range 1..65535 (see tcpshake check --help)",
        "check -a ::1:80                   | tcpshake check: invalid address '::1:80': an IPv6 address needs brackets: [::1]:80 (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -t -1s       | tcpshake check: -t: invalid timeout '-1s': not positive; expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds) (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -t 0         | tcpshake check: -t: invalid timeout '0': not positive; expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds) (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -t 1x        | tcpshake check: -t: invalid timeout '1x': expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds) (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -n 0         | tcpshake check: -n: invalid count 0: expected at least 1 check per address (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -c 0         | tcpshake check: -c: invalid concurrency 0: expected at least 1 check in flight (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -n many      | tcpshake check: invalid value for option '--count': 'many' is not an int (see tcpshake check --help)",
        "check -a 127.0.0.1:9 --engine io  | tcpshake check: --engine: unknown engine 'io': expected auto, epoll or nio (see tcpshake check --help)",
        "check -a 127.0.0.1:9 --colour     | tcpshake check: unknown option: '--colour' (see tcpshake check --help)",
        "check                             | tcpshake check: missing required option: '--address=HOST:PORT' (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -a 127.0.0.1:10 -n 2000000000  | tcpshake check: -n: 2000000000 checks x 2 address(es) is more than 2147483647 checks in one run (see tcpshake check --help)",
        "chek                              | tcpshake: unmatched argument at index 0: 'chek' (see tcpshake --help)",
    })
    void exitsTwoWithOneLine(String commandLine, String expectedError) {
        CliRun run = CliRun.of(commandLine.trim().split("\\s+"));

        assertEquals(2, run.exitCode, run::toString);
        assertEquals(java.util.List.of(expectedError), run.errLines(), run::toString);
        assertEquals("", run.out, run::toString);
    }
}
