package io.tcpshake.core;

/**
 * Linux errno values a check can end with, their symbolic names and texts, and how each maps to an
 * {@link Outcome}. Both engines report errors in these terms, so a result reads the same whichever
 * engine made it. The texts are glibc's {@code strerror} texts.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int EISCONN = 106;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTDOWN = 112;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;

    private Errno() {
    }

    /** The symbolic name, e.g. {@code ECONNREFUSED}; {@code errno N} for one not in this table. */
    public static String name(int errno) {
        switch (errno) {
            case 0: return "OK";
            case EPERM: return "EPERM";
            case EINTR: return "EINTR";
            case EBADF: return "EBADF";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EACCES: return "EACCES";
            case EINVAL: return "EINVAL";
            case ENFILE: return "ENFILE";
            case EMFILE: return "EMFILE";
            case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
            case EAFNOSUPPORT: return "EAFNOSUPPORT";
            case EADDRINUSE: return "EADDRINUSE";
            case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
            case ENETDOWN: return "ENETDOWN";
            case ENETUNREACH: return "ENETUNREACH";
            case ECONNABORTED: return "ECONNABORTED";
            case ECONNRESET: return "ECONNRESET";
            case ENOBUFS: return "ENOBUFS";
            case EISCONN: return "EISCONN";
            case ETIMEDOUT: return "ETIMEDOUT";
            case ECONNREFUSED: return "ECONNREFUSED";
            case EHOSTDOWN: return "EHOSTDOWN";
            case EHOSTUNREACH: return "EHOSTUNREACH";
            case EALREADY: return "EALREADY";
            case EINPROGRESS: return "EINPROGRESS";
            default: return "errno " + errno;
        }
    }

    /** The human text, e.g. {@code Connection refused}, as {@code strerror(3)} gives it. */
    public static String describe(int errno) {
        switch (errno) {
            case 0: return "Success";
            case EPERM: return "Operation not permitted";
            case EINTR: return "Interrupted system call";
            case EBADF: return "Bad file descriptor";
            case EAGAIN: return "Resource temporarily unavailable";
            case ENOMEM: return "Cannot allocate memory";
            case EACCES: return "Permission denied";
            case EINVAL: return "Invalid argument";
            case ENFILE: return "Too many open files in system";
            case EMFILE: return "Too many open files";
            case EPROTONOSUPPORT: return "Protocol not supported";
            case EAFNOSUPPORT: return "Address family not supported by protocol";
            case EADDRINUSE: return "Address already in use";
            case EADDRNOTAVAIL: return "Cannot assign requested address";
            case ENETDOWN: return "Network is down";
            case ENETUNREACH: return "Network is unreachable";
            case ECONNABORTED: return "Software caused connection abort";
            case ECONNRESET: return "Connection reset by peer";
            case ENOBUFS: return "No buffer space available";
            case EISCONN: return "Transport endpoint is already connected";
            case ETIMEDOUT: return "Connection timed out";
            case ECONNREFUSED: return "Connection refused";
            case EHOSTDOWN: return "Host is down";
            case EHOSTUNREACH: return "No route to host";
            case EALREADY: return "Operation already in progress";
            case EINPROGRESS: return "Operation now in progress";
            default: return "Unknown error " + errno;
        }
    }

    /** The outcome a connect that failed with {@code errno} stands for. */
    public static Outcome outcomeOf(int errno) {
        switch (errno) {
            case 0:
                return Outcome.UP;
            case ECONNREFUSED:
            case ECONNRESET:
                return Outcome.REFUSED;
            case ETIMEDOUT:
                return Outcome.TIMEOUT;
            case ENETUNREACH:
            case EHOSTUNREACH:
            case EHOSTDOWN:
            case ENETDOWN:
                return Outcome.UNREACHABLE;
            default:
                return Outcome.ERROR;
        }
    }
}
