/* simclock: the jumps of a simulated week, on top of libfaketime's steady fast clock.
 *
 * Preloaded BEFORE libfaketime (LD_PRELOAD="simclock.so libfaketimeMT.so.1", FAKETIME="+0 xR"
 * under one `faketime` wrapper, so every process shares one start and one rate R). libfaketime
 * runs all clocks R times faster, together; this library moves them apart, as a computer's
 * clocks do:
 *
 *   $SIMCLOCK_FILE holds three signed 64-bit nanosecond counts, how far the wall clock
 *   (CLOCK_REALTIME, time, gettimeofday), CLOCK_MONOTONIC (_RAW, _COARSE) and CLOCK_BOOTTIME
 *   are put ahead of libfaketime's. The driver writes them (pwrite); every process reads them
 *   on each clock read through a shared mapping, so a jump is seen at once by all.
 *   A suspend of D: wall and boot time +D, monotonic +0 (Linux stops CLOCK_MONOTONIC while
 *   suspended). A wall-clock step (NTP, the user): wall only.
 *
 * Timed waits whose deadline is absolute on a clock this library moves, and which libfaketime
 * does not convert (sem_clockwait, pthread_cond_clockwait -- Python's locks with a timeout use
 * the first) or converts without knowing our offsets (clock_nanosleep TIMER_ABSTIME,
 * sem_timedwait), are turned into waits on the real clock at the rate $SIMCLOCK_RATE.
 * Relative timeouts (poll, select, epoll, nanosleep) are libfaketime's alone and need nothing.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_S 1000000000LL
enum { WALL, MONO, BOOT, N_CLOCKS };

typedef int (*gettime_fn)(clockid_t, struct timespec *);
typedef int (*nanosleep_fn)(clockid_t, int, const struct timespec *, struct timespec *);
typedef int (*semclock_fn)(sem_t *, clockid_t, const struct timespec *);
typedef int (*condclock_fn)(pthread_cond_t *, pthread_mutex_t *, clockid_t,
                            const struct timespec *);

static volatile int64_t *ahead; /* [WALL], [MONO], [BOOT]; NULL: nothing moved */
static double rate = 1.0;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static gettime_fn next_gettime;

static void setup(void) {
    const char *path = getenv("SIMCLOCK_FILE");
    const char *speed = getenv("SIMCLOCK_RATE");
    next_gettime = (gettime_fn)dlsym(RTLD_NEXT, "clock_gettime");
    if (speed != NULL && atof(speed) > 0) rate = atof(speed);
    if (path == NULL) return;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    void *map = mmap(NULL, N_CLOCKS * sizeof(int64_t), PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (map != MAP_FAILED) ahead = (volatile int64_t *)map;
}

static int64_t ahead_of(clockid_t clock) {
    pthread_once(&once, setup);
    if (ahead == NULL) return 0;
    switch (clock) {
        case CLOCK_REALTIME:
        case CLOCK_REALTIME_COARSE:
        case CLOCK_TAI:
            return ahead[WALL];
        case CLOCK_MONOTONIC:
        case CLOCK_MONOTONIC_RAW:
        case CLOCK_MONOTONIC_COARSE:
            return ahead[MONO];
        case CLOCK_BOOTTIME:
            return ahead[BOOT];
        default:
            return 0;
    }
}

static int64_t ns_of(const struct timespec *ts) { return ts->tv_sec * NS_PER_S + ts->tv_nsec; }

static struct timespec ts_of(int64_t ns) {
    struct timespec ts = {ns / NS_PER_S, ns % NS_PER_S};
    if (ts.tv_nsec < 0) {
        ts.tv_nsec += NS_PER_S;
        ts.tv_sec -= 1;
    }
    return ts;
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
    int64_t moved = ahead_of(clock); /* also sets next_gettime up */
    int done = next_gettime(clock, ts);
    if (done == 0 && moved != 0) *ts = ts_of(ns_of(ts) + moved);
    return done;
}

time_t time(time_t *out) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (out != NULL) *out = now.tv_sec;
    return now.tv_sec;
}

int gettimeofday(struct timeval *tv, void *zone) {
    (void)zone;
    struct timespec now;
    int done = clock_gettime(CLOCK_REALTIME, &now);
    {
        tv->tv_sec = now.tv_sec;
        tv->tv_usec = now.tv_nsec / 1000;
    }
    return done;
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
                    struct timespec *remain) {
    static nanosleep_fn next;
    if (next == NULL) next = (nanosleep_fn)dlsym(RTLD_NEXT, "clock_nanosleep");
    if (flags & TIMER_ABSTIME) {
        struct timespec theirs = ts_of(ns_of(request) - ahead_of(clock));
        return next(clock, flags, &theirs, remain);
    }
    return next(clock, flags, request, remain);
}

/* An absolute deadline on our clock, as one on the real (kernel's) clock. */
static struct timespec real_deadline(clockid_t clock, const struct timespec *deadline) {
    struct timespec ours, real;
    clock_gettime(clock, &ours);
    syscall(SYS_clock_gettime, clock, &real);
    int64_t left = ns_of(deadline) - ns_of(&ours);
    if (left < 0) left = 0;
    return ts_of(ns_of(&real) + (int64_t)((double)left / rate));
}

static semclock_fn glibc_sem_clockwait(void) {
    static semclock_fn next;
    if (next == NULL) next = (semclock_fn)dlsym(RTLD_NEXT, "sem_clockwait");
    return next;
}

int sem_clockwait(sem_t *sem, clockid_t clock, const struct timespec *deadline) {
    struct timespec real = real_deadline(clock, deadline);
    return glibc_sem_clockwait()(sem, clock, &real);
}

int sem_timedwait(sem_t *sem, const struct timespec *deadline) {
    struct timespec real = real_deadline(CLOCK_REALTIME, deadline);
    return glibc_sem_clockwait()(sem, CLOCK_REALTIME, &real);
}

int pthread_cond_clockwait(pthread_cond_t *cond, pthread_mutex_t *mutex, clockid_t clock,
                           const struct timespec *deadline) {
    static condclock_fn next;
    if (next == NULL) next = (condclock_fn)dlsym(RTLD_NEXT, "pthread_cond_clockwait");
    struct timespec real = real_deadline(clock, deadline);
    return next(cond, mutex, clock, &real);
}
