#ifndef TOKENSH_CPROCESSSHIMS_H
#define TOKENSH_CPROCESSSHIMS_H
// Process calls the Swift Glibc module does not import: prctl is variadic, and spawn.h's
// closefrom action and the setsid flag sit behind feature macros.
#include <spawn.h>

/// Adds "close every descriptor from `low` up" to `actions`, run in the child just before exec.
/// Returns 0, or an errno value (ENOSYS where the C library has no such action).
int shim_spawn_add_close_from(posix_spawn_file_actions_t *actions, int low);

/// POSIX_SPAWN_SETSID (the child starts a new session, without a controlling terminal), or 0
/// where the C library lacks it.
short shim_spawn_setsid_flag(void);

/// Sets the core-file size limit to 0 and marks the process not dumpable (no core file, no
/// ptrace attach by other processes of the same user). Returns 0, or -1 if either call failed.
int shim_disable_core_dumps(void);

// MARK: signals at the line editor

/// Saves fd's terminal settings (taken before libedit switches to raw mode) for
/// shim_terminate_guard_install's handler. Returns -1 if fd is not a terminal.
int shim_terminate_guard_arm(int fd);

/// Puts the shell's own SIGTERM, SIGHUP and SIGQUIT handler in place of libedit's, whose handler
/// re-sends the signal to the whole process group (kill(0, sig)) and so kills the program that
/// started tokensh. Ours restores the armed terminal settings, then re-raises the signal to
/// this process alone with its default action. Async-signal-safe to call repeatedly.
///
/// SIGWINCH is taken over as well (calling on_resize with arg, reads restarted): libedit's own
/// handler would re-install all its handlers, the three above included, after each resize.
void shim_terminate_guard_install(void (*on_resize)(void *), void *arg);

/// Forgets the armed settings (the handlers themselves are put back by libedit when el_gets ends).
void shim_terminate_guard_disarm(void);

// MARK: exec: a child in the foreground

/// An anonymous file in memory (memfd_create, close-on-exec), or -1 with errno set.
int shim_memory_file(const char *name);

/// Starts an `exec` child in tokensh's process group (the terminal's foreground): fork, then in
/// the child only async-signal-safe calls: default dispositions and an empty mask for the
/// signals tokensh handles, `descriptor3` (or none, when -1) as descriptor 3, every other
/// descriptor above 2 closed, a new anonymous session keyring, and execve. The new session
/// keyring keeps the vault's unlocked key (in the session keyring, or the user's session keyring
/// outside a login session) out of the child's reach: it holds its one token and no more.
/// Returns the child's pid, or -1 with errno set; a child that cannot exec exits 127.
int shim_exec_spawn(const char *path, char *const argv[], char *const envp[], int descriptor3);

/// While an exec child runs: SIGINT and SIGQUIT typed at the terminal reach the child (its
/// process group is the shell's) and leave tokensh alone; SIGTERM, SIGHUP, SIGINT and SIGQUIT
/// sent to tokensh by another process are passed on to the child. A signal that arrives before
/// shim_exec_signals_child names the child is passed on then. Saves the handlers it replaces.
void shim_exec_signals_begin(void);

/// Names the child the signals are passed on to.
void shim_exec_signals_child(pid_t pid);

/// Puts back the handlers shim_exec_signals_begin replaced.
void shim_exec_signals_end(void);

#endif
