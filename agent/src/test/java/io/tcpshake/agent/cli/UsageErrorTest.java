package io.tcpshake.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A wrong command line exits 2 with ONE line on stderr saying what is wrong, and checks nothing. */
class UsageErrorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "check -a x                        | tcpshake check: -a: invalid address 'x': no port: expected host:port, e.g. 127.0.0.1:5432 (see tcpshake check --help)",
        "check -a 127.0.0.1:65536          | tcpshake check: -a: invalid address '127.0.0.1:65536': port 65536 is out of range 1..65535 (see tcpshake check --help)",
        "check -a 127.0.0.1:0              | tcpshake check: -a: invalid address '127.0.0.1:0': port 0 is out of range 1..65535 (see tcpshake check --help)",
        "check -a ::1:80                   | tcpshake check: -a: invalid address '::1:80': an IPv6 address needs brackets: [::1]:80 (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -t -1s       | tcpshake check: -t: invalid timeout '-1s': not positive; expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds) (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -t 0         | tcpshake check: -t: invalid timeout '0': not positive; expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds) (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -t 1x        | tcpshake check: -t: invalid timeout '1x': expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds) (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -n 0         | tcpshake check: -n: invalid count 0: expected at least 1 check per address (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -c 0         | tcpshake check: -c: invalid concurrency 0: expected at least 1 check in flight (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -n many      | tcpshake check: invalid value for option '--count': 'many' is not a whole number: write ASCII digits 0-9 without sign or spaces, e.g. 100 (see tcpshake check --help)",
        "check -a 127.0.0.1:\u0665\u0664     | tcpshake check: -a: invalid address '127.0.0.1:\\u0665\\u0664': character 11 is U+0665 ARABIC-INDIC DIGIT FIVE: write the digits in ASCII, 0-9 (see tcpshake check --help)",
        "check -a 127.0.0.1:\uff18\uff10     | tcpshake check: -a: invalid address '127.0.0.1:\\uff18\\uff10': character 11 is U+FF18 FULLWIDTH DIGIT EIGHT: write the digits in ASCII, 0-9 (see tcpshake check --help)",
        "check -a 127.0.0.1:080            | tcpshake check: -a: invalid address '127.0.0.1:080': port '080' has a leading zero, which some tools read as octal: write it without, e.g. 80 (see tcpshake check --help)",
        "check -a 127.0.0.1:+80            | tcpshake check: -a: invalid address '127.0.0.1:+80': port '+80' is not a number in 1..65535: write digits only, e.g. 5432 (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -n \u0665       | tcpshake check: invalid value for option '--count': '\\u0665' is not a whole number: write ASCII digits 0-9 without sign or spaces, e.g. 100 (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -n +5        | tcpshake check: invalid value for option '--count': '+5' is not a whole number: write ASCII digits 0-9 without sign or spaces, e.g. 100 (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -c \uff19       | tcpshake check: invalid value for option '--concurrency': '\\uff19' is not a whole number: write ASCII digits 0-9 without sign or spaces, e.g. 100 (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -n 99999999999 | tcpshake check: invalid value for option '--count': '99999999999' is too large: at most 2147483647 (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -c -3        | tcpshake check: -c: invalid concurrency -3: expected at least 1 check in flight (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -t \u0665s      | tcpshake check: -t: invalid timeout '\\u0665s': expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds) (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -t 25h       | tcpshake check: -t: invalid timeout '25h': longer than 24h; expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds) (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -t 100000000000000000000h | tcpshake check: -t: invalid timeout '100000000000000000000h': longer than 24h; expected a positive duration like 500ms, 1s or 2m (a plain number is milliseconds) (see tcpshake check --help)",
        "attach \u0661\u0662\u0663 t.yaml      | tcpshake attach: invalid value for positional parameter at index 0 (<pid>): '\\u0661\\u0662\\u0663' is not a whole number: write ASCII digits 0-9 without sign or spaces, e.g. 100 (see tcpshake attach --help)",
        "attach 0 t.yaml                   | tcpshake attach: <pid>: 0 is not a process id: expected a positive number (list the running JVMs with jps -l) (see tcpshake attach --help)",
        "attach 1 t.yaml --port \u0669\u0664\u0666\u0665 | tcpshake attach: invalid value for option '--port': '\\u0669\\u0664\\u0666\\u0665' is not a whole number: write ASCII digits 0-9 without sign or spaces, e.g. 100 (see tcpshake attach --help)",
        "check -a 127.0.0.1:9 --engine io  | tcpshake check: --engine: unknown engine 'io': expected auto, epoll, nio or raw (see tcpshake check --help)",
        "check -a 127.0.0.1:9 --engine raw --fin | tcpshake check: --fin: the raw engine makes half-open checks only (RST); use --engine epoll or nio for FIN (see tcpshake check --help)",
        "check -a 127.0.0.1:9 --colour     | tcpshake check: unknown option: '--colour' (see tcpshake check --help)",
        "check                             | tcpshake check: missing required option: '--address=HOST:PORT' (see tcpshake check --help)",
        "check -a 127.0.0.1:9 -a 127.0.0.1:10 -n 2000000000  | tcpshake check: -n: 2000000000 checks x 2 address(es) is more than 2147483647 checks in one run (see tcpshake check --help)",
        "chek                              | tcpshake: unmatched argument at index 0: 'chek' (see tcpshake --help)",
    })
    void exitsTwoWithOneLine(String commandLine, String expectedError) {
        CliRun run = CliRun.of(commandLine.trim().split("\\s+"));

        assertEquals(2, run.exitCode, run::toString);
        assertEquals(List.of(expectedError), run.errLines(), run::toString);
        assertEquals("", run.out, run::toString);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "' 127.0.0.1:80'  | character 1 is a space",
        "'127.0.0.1:80 '  | character 13 is a space",
        "'127.0.0.1:80\t' | character 13 is a tab",
        "'127.0.0.1:80\n' | character 13 is a line break",
    })
    void anAddressWithASpaceOrLineBreakIsRefusedOnOneLine(String address, String rule) {
        CliRun run = CliRun.of("check", "-a", address);

        assertEquals(2, run.exitCode, run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.errLines().get(0).startsWith("tcpshake check: -a: invalid address '"), run::toString);
        assertTrue(run.errLines().get(0).contains(rule + ": an address has no spaces"), run::toString);
    }

    @org.junit.jupiter.api.Test
    void aMegabyteAddressIsRefusedWithoutRepeatingIt() {
        CliRun run = CliRun.of("check", "-a", "1".repeat(1 << 20) + ":80");

        assertEquals(2, run.exitCode, run::toString);
        assertEquals(List.of("tcpshake check: -a: invalid address '" + "1".repeat(64) + "...' (1048579 characters): "
                + "it is longer than 260 characters (a host name of at most 253, ':' and a port) (see tcpshake check "
                + "--help)"), run.errLines());
    }
}
