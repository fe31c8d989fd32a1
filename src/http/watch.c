/* watch.c: deadlines for request heads and bodies, and the cap on heads
 * (see watch.h). Watches of connections with a deadline sit in one list
 * per phase, oldest first: the closer reads only their fronts. A watch
 * leaves its list before its connection's socket is closed (watch_close
 * runs from MHD's notice, before the close), so shutting a socket down
 * under the lock never touches a socket that is gone or reused. */
#include "http/watch.h"
#include "util/alloc.h"
#include "util/log.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

/* HEAD: sending its first head; IDLE: kept alive, its next head not yet
 * whole (the same deadline, but not counted in the cap: a client that
 * finished a request is not the crowd); BODY; QUIET: no deadline. */
enum phase { HEAD, IDLE, BODY, QUIET, PHASES = QUIET };

struct watch {
	int fd;
	enum phase phase;
	double since; /* monotonic seconds: when this phase began */
	struct watch *prev, *next;
};

static struct {
	struct watch *first, *last;
	int n;
} lists[PHASES];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct watch_limits limits;
static pthread_t closer;
static int running;
static atomic_llong closed;

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void unlink_watch(struct watch *w)
{
	if (w->phase == QUIET)
		return;
	struct watch **first = &lists[w->phase].first, **last = &lists[w->phase].last;
	if (w->prev)
		w->prev->next = w->next;
	else
		*first = w->next;
	if (w->next)
		w->next->prev = w->prev;
	else
		*last = w->prev;
	lists[w->phase].n--;
	w->prev = w->next = NULL;
}

/* Move w to phase p, at the end of its list (the newest). Under lock. */
static void enter(struct watch *w, enum phase p)
{
	unlink_watch(w);
	w->phase = p;
	w->since = now_mono();
	if (p == QUIET)
		return;
	w->prev = lists[p].last;
	if (lists[p].last)
		lists[p].last->next = w;
	else
		lists[p].first = w;
	lists[p].last = w;
	lists[p].n++;
}

/* Close w's connection: MHD sees the end of its socket and lets it go. */
static void cut(struct watch *w)
{
	shutdown(w->fd, SHUT_RDWR);
	unlink_watch(w);
	w->phase = QUIET;
	atomic_fetch_add(&closed, 1);
}

static void *close_late(void *arg)
{
	(void)arg;
	long long told = 0;
	double told_at = now_mono();
	pthread_mutex_lock(&lock);
	while (running) {
		double now = now_mono();
		while (lists[HEAD].first && now - lists[HEAD].first->since > limits.head_seconds)
			cut(lists[HEAD].first);
		while (lists[IDLE].first && now - lists[IDLE].first->since > limits.head_seconds)
			cut(lists[IDLE].first);
		while (lists[BODY].first && now - lists[BODY].first->since > limits.body_seconds)
			cut(lists[BODY].first);
		if (now - told_at >= 60 &&
		    atomic_load(&closed) > told) { /* once a minute at most */
			long long n = atomic_load(&closed);
			log_msg(LOG_INFO, "closed %lld slow connections in the last minute",
				n - told);
			told = n;
			told_at = now;
		}
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&wake, &lock, &until);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int watch_start(const struct watch_limits *l)
{
	limits = *l;
	running = 1;
	return pthread_create(&closer, NULL, close_late, NULL) == 0 ? 0 : -1;
}

void watch_stop(void)
{
	pthread_mutex_lock(&lock);
	running = 0;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(closer, NULL);
}

struct watch *watch_open(int fd)
{
	struct watch *w = xcalloc(1, sizeof *w);
	w->fd = fd;
	w->phase = QUIET;
	pthread_mutex_lock(&lock);
	enter(w, HEAD);
	while (lists[HEAD].n > limits.max_heads)
		cut(lists[HEAD].first);
	pthread_mutex_unlock(&lock);
	return w;
}

static void move(struct watch *w, enum phase p)
{
	if (!w)
		return;
	pthread_mutex_lock(&lock);
	enter(w, p);
	pthread_mutex_unlock(&lock);
}

void watch_head_done(struct watch *w)
{
	move(w, BODY);
}

void watch_replied(struct watch *w)
{
	move(w, QUIET);
}

void watch_next(struct watch *w)
{
	move(w, IDLE);
}

void watch_close(struct watch *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&lock);
	unlink_watch(w);
	pthread_mutex_unlock(&lock);
	free(w);
}

long long watch_closed(void)
{
	return atomic_load(&closed);
}
