#define _GNU_SOURCE
#include "archdoc_process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

pid_t archdoc_spawn(const char *path, char *const argv[], char *const envp[],
                    int stdout_fd, int stderr_fd, long long memory_limit) {
    // A pipe closed on exec tells the parent whether exec failed (and why).
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -1;
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        int saved = errno;
        close(report[0]);
        close(report[1]);
        errno = saved;
        return -1;
    }
    if (child == 0) {
        // Only async-signal-safe calls from here to exec.
        setpgid(0, 0);
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);  // the parent died before prctl
#endif
        if (memory_limit > 0) {
            struct rlimit limit = {(rlim_t)memory_limit, (rlim_t)memory_limit};
            setrlimit(RLIMIT_AS, &limit);
        }
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0) dup2(null, 0);
        dup2(stdout_fd, 1);
        dup2(stderr_fd, 2);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGPIPE, SIG_DFL);
        execve(path, argv, envp);
        int failure = errno;
        ssize_t ignored = write(report[1], &failure, sizeof failure);
        (void)ignored;
        _exit(127);
    }
    // Set in the parent too, so the group exists before anyone signals it.
    setpgid(child, child);
    close(report[1]);
    int failure = 0;
    ssize_t got;
    do { got = read(report[0], &failure, sizeof failure); } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == sizeof failure) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
        errno = failure;
        return -1;
    }
    return child;
}

#define ARCHDOC_MAX_TRACKED 64
static _Atomic pid_t tracked[ARCHDOC_MAX_TRACKED];

void archdoc_track(pid_t group) {
    for (int i = 0; i < ARCHDOC_MAX_TRACKED; i++) {
        pid_t empty = 0;
        if (atomic_compare_exchange_strong(&tracked[i], &empty, group)) return;
    }
}

void archdoc_forget(pid_t group) {
    for (int i = 0; i < ARCHDOC_MAX_TRACKED; i++) {
        pid_t expected = group;
        if (atomic_compare_exchange_strong(&tracked[i], &expected, 0)) return;
    }
}

static void archdoc_cleanup(int signal_number) {
    for (int i = 0; i < ARCHDOC_MAX_TRACKED; i++) {
        pid_t group = atomic_load(&tracked[i]);
        if (group > 0) kill(-group, SIGKILL);
    }
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

void archdoc_install_cleanup_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = archdoc_cleanup;
    sigemptyset(&action.sa_mask);
    int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction previous;
        // Keep a signal that was ignored ignored (nohup).
        if (sigaction(signals[i], NULL, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
        sigaction(signals[i], &action, NULL);
    }
}
