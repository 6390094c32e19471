package io.tcpshake.core.internal.raw;

import io.tcpshake.core.Errno;

/**
 * The errno the kernel's TCP gives a connecting socket for an ICMP error, as {@code tcp_v4_err} and
 * {@code tcp_v6_err} do (through {@code icmp_err_convert} and {@code icmpv6_err_convert}): in SYN_SENT
 * every such error ends the connect. 0 for messages that do not (fragmentation needed, packet too big).
 */
final class ErrnoOfIcmp {
    private static final int ENOPROTOOPT = 92;
    private static final int EOPNOTSUPP = 95;
    private static final int ENONET = 64;
    private static final int EPROTO = 71;

    private ErrnoOfIcmp() {
    }

    static int ipv4(int type, int code) {
        if (type == 11) {
            return Errno.EHOSTUNREACH; // time exceeded
        }
        if (type != 3) {
            return 0;
        }
        switch (code) {
            case 0: case 6: case 9: case 11:
                return Errno.ENETUNREACH;
            case 2:
                return ENOPROTOOPT;
            case 3:
                return Errno.ECONNREFUSED;
            case 4:
                return 0; // fragmentation needed: path MTU, not a failure of the connect
            case 5:
                return EOPNOTSUPP;
            case 7:
                return Errno.EHOSTDOWN;
            case 8:
                return ENONET;
            default:
                return code <= 15 ? Errno.EHOSTUNREACH : 0; // 1, 10, 12-15
        }
    }

    static int ipv6(int type, int code) {
        if (type == 3) {
            return Errno.EHOSTUNREACH; // time exceeded
        }
        if (type != 1) {
            return 0;
        }
        switch (code) {
            case 0:
                return Errno.ENETUNREACH;
            case 1: case 5: case 6:
                return Errno.EACCES;
            case 2: case 3:
                return Errno.EHOSTUNREACH;
            case 4:
                return Errno.ECONNREFUSED;
            default:
                return code == 7 ? EPROTO : 0;
        }
    }
}
