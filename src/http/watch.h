/* watch.h: deadlines for slow clients. MHD's idle timeout starts again
 * with every byte, so a client that trickles a header line every few
 * seconds would hold its connection for ever. Here each connection has a
 * deadline for its whole request head (from its first byte or the end of
 * the previous request) and one for its whole body; a thread closes
 * (shuts down) those past it. Connections still sending their head are
 * also capped in number: over the cap the oldest is closed, so that a
 * crowd of slow heads cannot starve clients that send theirs at once. A
 * kept-alive connection waiting for its next head has the head's deadline
 * but is not counted in the cap. */
#ifndef LANGSO_WATCH_H
#define LANGSO_WATCH_H

struct watch_limits {
	int head_seconds; /* to send a whole request head */
	int body_seconds; /* to send a whole body */
	int max_heads;	  /* connections sending their head at once */
};

/* watch_start: the closing thread; watch_stop ends it. */
int watch_start(const struct watch_limits *l);
void watch_stop(void);

/* One connection's watch: opened when it is accepted (its socket), then
 * head done (reading its body), replied (no deadline while the answer
 * goes out), next (keep-alive: waiting for the next head), closed. */
struct watch;
struct watch *watch_open(int fd);
void watch_head_done(struct watch *w);
void watch_replied(struct watch *w);
void watch_next(struct watch *w);
void watch_close(struct watch *w);

/* watch_closed: connections closed so far for a deadline or the cap. */
long long watch_closed(void);

#endif
