/* halfopen-reuse.c's loop at a fixed rate, as a monitor runs it: every millisecond (timerfd) it starts
 * RATE/1000 checks, round robin over the listener ports, on K reused sockets (setsockopt TCP_QUICKACK 0,
 * connect, [epoll_wait], getsockopt SO_ERROR, connect(AF_UNSPEC)). Sockets are registered once,
 * edge-triggered, as tcpshake's epoll engine registers its pooled ones: an idle socket in CLOSE would
 * otherwise report EPOLLHUP at every epoll_wait; an event for a socket with no check is ignored. Runs
 * SECONDS, then prints
 * "checks=N up=U down=D seconds=S" like the other loops; its CPU time is read by the caller.
 * Usage: halfopen-paced HOST PORT[,PORT...] RATE SECONDS K */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static const struct sockaddr unspec = {.sa_family = AF_UNSPEC};

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: %s HOST PORT[,PORT...] RATE SECONDS K\n", argv[0]); return 2; }
    struct in_addr host;
    if (inet_pton(AF_INET, argv[1], &host) != 1) { fprintf(stderr, "bad host\n"); return 2; }
    int nports = 1;
    for (char *c = argv[2]; *c; c++) nports += *c == ',';
    struct sockaddr_in *dst = calloc(nports, sizeof *dst);
    char *save = NULL, *tok = strtok_r(argv[2], ",", &save);
    for (int i = 0; i < nports && tok; i++, tok = strtok_r(NULL, ",", &save)) {
        dst[i].sin_family = AF_INET;
        dst[i].sin_addr = host;
        dst[i].sin_port = htons(atoi(tok));
    }
    double rate = atof(argv[3]), seconds = atof(argv[4]);
    long k = atol(argv[5]), started = 0, done = 0, up = 0, next = 0;
    if (k < 1 || k > 65536 || rate <= 0 || seconds <= 0) { fprintf(stderr, "bad RATE, SECONDS or K\n"); return 2; }
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int *fds = calloc(k, sizeof *fds), *free_fds = calloc(k, sizeof *free_fds), nfree = 0;
    char *busy = NULL;
    int maxfd = 0;
    for (long i = 0; i < k; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fds[i] < 0) { perror("socket"); return 2; }
        struct epoll_event ev = {.events = EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLET, .data.u64 = (uint64_t)fds[i]};
        epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
        free_fds[nfree++] = fds[i];
        if (fds[i] > maxfd) maxfd = fds[i];
    }
    busy = calloc(maxfd + 1, 1);
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    struct itimerspec tick = {.it_interval = {0, 1000000}, .it_value = {0, 1000000}};
    timerfd_settime(tfd, 0, &tick, NULL);
    struct epoll_event tev = {.events = EPOLLIN, .data.u64 = UINT64_MAX};
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double owed = 0, per_tick = rate / 1000;
    long ticks_total = (long)(seconds * 1000), ticks = 0;
    struct epoll_event evs[512];
    while (ticks < ticks_total || done < started) {
        int m = epoll_wait(ep, evs, 512, 1000);
        if (m < 0 && errno == EINTR) continue;
        if (m <= 0) { fprintf(stderr, "stalled\n"); return 1; }
        for (int i = 0; i < m; i++) {
            if (evs[i].data.u64 == UINT64_MAX) {
                uint64_t expired;
                if (read(tfd, &expired, sizeof expired) != sizeof expired) continue;
                for (uint64_t e = 0; e < expired && ticks < ticks_total; e++, ticks++) owed += per_tick;
                while (owed >= 1 && nfree > 0) {
                    int fd = free_fds[--nfree];
                    int zero = 0;
                    owed -= 1;
                    started++;
                    setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &zero, sizeof zero);
                    struct sockaddr_in *to = &dst[next++ % nports];
                    if (connect(fd, (struct sockaddr *)to, sizeof *to) < 0 && errno != EINPROGRESS) {
                        done++;
                        free_fds[nfree++] = fd;
                    } else {
                        busy[fd] = 1;
                    }
                }
                continue;
            }
            int fd = (int)evs[i].data.u64, err = 0;
            if (!busy[fd]) continue;
            busy[fd] = 0;
            socklen_t len = sizeof err;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err == 0) up++;
            connect(fd, &unspec, sizeof unspec); /* RST if established; back to CLOSE */
            done++;
            free_fds[nfree++] = fd;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("checks=%ld up=%ld down=%ld seconds=%.3f checks_per_s=%.0f\n", done, up, done - up, s, done / s);
    return 0;
}
