#ifndef ARCHDOC_PROCESS_H
#define ARCHDOC_PROCESS_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (NULL-terminated) in a process group of
/// its own, its standard input from /dev/null and its output to the given
/// descriptors. With `memory_limit` > 0 its address space is limited to that
/// many bytes (RLIMIT_AS); on Linux it gets SIGKILL when the process that
/// started it dies (PR_SET_PDEATHSIG). Returns the child's pid (its process
/// group id too), or -1 with errno set.
pid_t archdoc_spawn(const char *path, char *const argv[], char *const envp[],
                    int stdout_fd, int stderr_fd, long long memory_limit);

/// Records a running child's process group, so that the signal handlers of
/// `archdoc_install_cleanup_handlers` end it; `archdoc_forget` drops it.
void archdoc_track(pid_t group);
void archdoc_forget(pid_t group);

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that send SIGKILL to every
/// tracked process group, then end this process as the signal would have.
void archdoc_install_cleanup_handlers(void);

#endif
