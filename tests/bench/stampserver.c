/* stampserver: an independent fixed-latency HTTP/1.1 server that times itself.
 *
 *   cc -O2 -o stampserver tests/bench/stampserver.c
 *   stampserver PORT DELAY_MS STATS_FILE
 *
 * Listens on 127.0.0.1:PORT and answers every request (keep-alive, Content-Length bodies) with a
 * fixed chat completion exactly DELAY_MS after the request was fully read. For each answer it
 * records its own service time, from "last request byte read" to "write() of the whole response
 * returned", on CLOCK_MONOTONIC with nanosecond resolution (nginx's $request_time has only
 * milliseconds). On SIGTERM or SIGINT it writes {"count","p50_ms","p99_ms",...} to STATS_FILE
 * and exits. The peer benchmark (compare.sh) subtracts these from each client's percentiles, so
 * what remains is the client's own overhead.
 *
 * One thread, epoll, one timerfd. Every request waits the same delay, so deadlines fall due in
 * arrival order: a FIFO of waiting connections is the timer queue, and the timerfd is always armed
 * (absolute time) for the head of that FIFO.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define IN_CAP 65536
#define MAX_SAMPLES (20 * 1000 * 1000)

static const char kBody[]
    = "{\"id\":\"chatcmpl-stamp\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"fixed\","
      "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"pong\"},\"finish_reason\":\"stop\"}]"
      ","
      "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,\"total_tokens\":10}}";

struct conn {
    int fd;
    int dead; /* closed while its response was queued: buried when dequeued */
    int waiting; /* a response is queued in the FIFO */
    int close_after;
    size_t in_len;
    size_t out_off, out_len;
    int64_t read_ns; /* when the request's last byte was read */
    int64_t due_ns;
    struct conn *next; /* FIFO link, then graveyard link */
    char *out;
    char in[IN_CAP];
};

static char g_response[1024];
static size_t g_response_len;
static int g_epoll, g_timer;
static int64_t g_delay_ns;
static struct conn *g_head, *g_tail;
static struct conn *g_graveyard; /* closed connections, freed after the current batch of events */
static int64_t *g_samples;
static size_t g_count;

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void arm_timer(void)
{
    struct itimerspec its;
    memset(&its, 0, sizeof its);
    if (g_head) {
        its.it_value.tv_sec = g_head->due_ns / 1000000000;
        its.it_value.tv_nsec = g_head->due_ns % 1000000000;
        if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
            its.it_value.tv_nsec = 1; /* zero would disarm */
    }
    timerfd_settime(g_timer, TFD_TIMER_ABSTIME, &its, NULL);
}

/* Later events of the same epoll batch may still name a closed connection: it is freed after the batch. */
static void bury(struct conn *c)
{
    c->next = g_graveyard;
    g_graveyard = c;
}

static void close_conn(struct conn *c)
{
    epoll_ctl(g_epoll, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
    if (c->waiting)
        c->dead = 1; /* still linked in the FIFO: buried when it leaves it */
    else
        bury(c);
}

/* Returns the length of a complete request at the start of c->in, 0 if incomplete, -1 if unusable. */
static long complete_request(struct conn *c)
{
    char *end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
    if (!end)
        return c->in_len >= IN_CAP ? -1 : 0;
    size_t head = (size_t)(end - c->in) + 4;
    long body = 0;
    for (char *line = c->in; line < end;) {
        char *eol = memmem(line, (size_t)(end - line) + 2, "\r\n", 2);
        if (!eol)
            break;
        if (eol - line > 15 && strncasecmp(line, "content-length:", 15) == 0)
            body = strtol(line + 15, NULL, 10);
        else if (eol - line > 18 && strncasecmp(line, "transfer-encoding:", 18) == 0)
            return -1; /* chunked request bodies are not needed by any client here */
        else if (eol - line >= 17 && strncasecmp(line, "connection: close", 17) == 0)
            c->close_after = 1;
        line = eol + 2;
    }
    if (body < 0 || head + (size_t)body > IN_CAP)
        return -1;
    return head + (size_t)body <= c->in_len ? (long)(head + (size_t)body) : 0;
}

/* Queues the answer to the request at the start of the buffer, if it is complete. */
static int take_request(struct conn *c)
{
    if (c->waiting || c->out)
        return 0;
    long len = complete_request(c);
    if (len <= 0)
        return (int)len;
    c->read_ns = now_ns();
    memmove(c->in, c->in + len, c->in_len - (size_t)len);
    c->in_len -= (size_t)len;
    c->due_ns = c->read_ns + g_delay_ns;
    c->waiting = 1;
    c->next = NULL;
    if (g_tail)
        g_tail->next = c;
    else
        g_head = c;
    g_tail = c;
    if (g_head == c)
        arm_timer();
    return 1;
}

static void record(int64_t ns)
{
    if (g_count < MAX_SAMPLES)
        g_samples[g_count++] = ns;
}

/* Writes what is pending; returns -1 if the connection was closed. */
static int flush_out(struct conn *c)
{
    while (c->out_off < c->out_len) {
        ssize_t n = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.ptr = c };
            epoll_ctl(g_epoll, EPOLL_CTL_MOD, c->fd, &ev);
            return 0;
        }
        if (n <= 0) {
            close_conn(c);
            return -1;
        }
        c->out_off += (size_t)n;
    }
    record(now_ns() - c->read_ns);
    free(c->out);
    c->out = NULL;
    if (c->close_after) {
        close_conn(c);
        return -1;
    }
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
    epoll_ctl(g_epoll, EPOLL_CTL_MOD, c->fd, &ev);
    if (take_request(c) < 0) {
        close_conn(c);
        return -1;
    }
    return 0;
}

static void respond(struct conn *c)
{
    ssize_t n;
    do
        n = write(c->fd, g_response, g_response_len);
    while (n < 0 && errno == EINTR);
    if (n == (ssize_t)g_response_len) {
        record(now_ns() - c->read_ns);
        if (c->close_after) {
            close_conn(c);
            return;
        }
        if (take_request(c) < 0)
            close_conn(c);
        return;
    }
    if (n < 0 && errno != EAGAIN) {
        close_conn(c);
        return;
    }
    /* A partial write: keep the rest and finish on EPOLLOUT. */
    size_t done = n > 0 ? (size_t)n : 0;
    c->out = malloc(g_response_len);
    if (!c->out) {
        close_conn(c);
        return;
    }
    memcpy(c->out, g_response, g_response_len);
    c->out_off = done;
    c->out_len = g_response_len;
    flush_out(c);
}

static void on_timer(void)
{
    uint64_t expirations;
    if (read(g_timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN)
        return;
    int64_t now = now_ns();
    while (g_head && g_head->due_ns <= now) {
        struct conn *c = g_head;
        g_head = c->next;
        if (!g_head)
            g_tail = NULL;
        c->waiting = 0;
        if (c->dead) {
            bury(c);
            continue;
        }
        respond(c);
    }
    arm_timer();
}

static void on_readable(struct conn *c)
{
    for (;;) {
        if (c->in_len == IN_CAP) {
            close_conn(c); /* a request that does not fit, or a client pipelining without limit */
            return;
        }
        ssize_t n = read(c->fd, c->in + c->in_len, IN_CAP - c->in_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            break;
        if (n <= 0) {
            close_conn(c);
            return;
        }
        c->in_len += (size_t)n;
    }
    if (take_request(c) < 0)
        close_conn(c);
}

static void on_accept(int listener)
{
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct conn *c = calloc(1, sizeof *c);
        if (!c) {
            close(fd);
            continue;
        }
        c->fd = fd;
        struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
        epoll_ctl(g_epoll, EPOLL_CTL_ADD, fd, &ev);
    }
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static double pct_ms(double p)
{
    if (g_count == 0)
        return 0;
    size_t i = (size_t)(p * (double)(g_count - 1) + 0.5);
    return (double)g_samples[i] / 1e6;
}

static void write_stats(const char *path)
{
    qsort(g_samples, g_count, sizeof *g_samples, cmp_i64);
    double sum = 0;
    for (size_t i = 0; i < g_count; ++i)
        sum += (double)g_samples[i];
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fprintf(f,
        "{\"count\":%zu,\"min_ms\":%.4f,\"p50_ms\":%.4f,\"p90_ms\":%.4f,\"p99_ms\":%.4f,\"max_ms\":%.4f,"
        "\"mean_ms\":%.4f,\"delay_ms\":%.3f}\n",
        g_count, pct_ms(0), pct_ms(0.5), pct_ms(0.9), pct_ms(0.99), pct_ms(1),
        g_count ? sum / (double)g_count / 1e6 : 0.0, (double)g_delay_ns / 1e6);
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s PORT DELAY_MS STATS_FILE\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    g_delay_ns = (int64_t)(atof(argv[2]) * 1e6);
    const char *stats_path = argv[3];
    g_samples = malloc(sizeof *g_samples * MAX_SAMPLES);
    if (!g_samples)
        return 1;
    g_response_len = (size_t)snprintf(g_response, sizeof g_response,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s", strlen(kBody), kBody);
    prctl(PR_SET_TIMERSLACK, 1UL); /* epoll_wait itself must not add the default 50 us of slack */
    signal(SIGPIPE, SIG_IGN);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 4096) < 0) {
        perror("stampserver: bind/listen");
        return 1;
    }

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int sigfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    g_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    g_epoll = epoll_create1(EPOLL_CLOEXEC);
    /* The three fixed descriptors are told apart from connections by these tags. */
    static int tag_listener, tag_timer, tag_signal;
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &tag_listener };
    epoll_ctl(g_epoll, EPOLL_CTL_ADD, listener, &ev);
    ev.data.ptr = &tag_timer;
    epoll_ctl(g_epoll, EPOLL_CTL_ADD, g_timer, &ev);
    ev.data.ptr = &tag_signal;
    epoll_ctl(g_epoll, EPOLL_CTL_ADD, sigfd, &ev);

    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait(g_epoll, events, 256, -1);
        if (n < 0 && errno == EINTR)
            continue;
        for (int i = 0; i < n; ++i) {
            void *p = events[i].data.ptr;
            if (p == &tag_listener) {
                on_accept(listener);
            } else if (p == &tag_timer) {
                on_timer();
            } else if (p == &tag_signal) {
                write_stats(stats_path);
                return 0;
            } else {
                struct conn *c = p;
                if (c->fd < 0)
                    continue;
                if ((events[i].events & EPOLLOUT) && c->out) {
                    if (flush_out(c) < 0)
                        continue;
                }
                if (c->fd >= 0 && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                    on_readable(c);
            }
        }
        while (g_graveyard) {
            struct conn *c = g_graveyard;
            g_graveyard = c->next;
            free(c->out);
            free(c);
        }
    }
}
