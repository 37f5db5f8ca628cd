#define _GNU_SOURCE
#include "CProcessShims.h"
#include <errno.h>
#include <signal.h>
#include <termios.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#include <string.h>
#include <sys/syscall.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

int shim_spawn_add_close_from(posix_spawn_file_actions_t *actions, int low) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, low);
#else
    (void)actions;
    (void)low;
    return ENOSYS;
#endif
}

short shim_spawn_setsid_flag(void) {
#ifdef POSIX_SPAWN_SETSID
    return POSIX_SPAWN_SETSID;
#else
    return 0;
#endif
}

int shim_disable_core_dumps(void) {
    int result = 0;
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) result = -1;
#ifdef __linux__
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) result = -1;
#endif
    return result;
}

static struct termios terminate_saved;
static int terminate_fd = -1;
static volatile sig_atomic_t terminate_armed = 0;

static void terminate_handler(int sig) {
    // tcsetattr, signal and kill are async-signal-safe. The signal stays blocked until this
    // handler returns, then the default action ends the process.
    if (terminate_armed) tcsetattr(terminate_fd, TCSADRAIN, &terminate_saved);
    signal(sig, SIG_DFL);
    kill(getpid(), sig);
}

int shim_terminate_guard_arm(int fd) {
    terminate_armed = 0;
    if (tcgetattr(fd, &terminate_saved) != 0) return -1;
    terminate_fd = fd;
    terminate_armed = 1;
    return 0;
}

static void (*volatile resize_callback)(void *) = NULL;
static void *volatile resize_argument = NULL;

static void resize_handler(int sig) {
    (void)sig;
    int saved = errno;
    // What libedit's own handler does on SIGWINCH (el_resize), without re-sending the signal.
    if (resize_callback) resize_callback(resize_argument);
    errno = saved;
}

void shim_terminate_guard_install(void (*on_resize)(void *), void *arg) {
    struct sigaction action;
    action.sa_handler = terminate_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
    if (on_resize) {
        resize_argument = arg;
        resize_callback = on_resize;
        struct sigaction resize;
        resize.sa_handler = resize_handler;
        sigemptyset(&resize.sa_mask);
        resize.sa_flags = SA_RESTART;
        sigaction(SIGWINCH, &resize, NULL);
    }
}

void shim_terminate_guard_disarm(void) { terminate_armed = 0; }

int shim_memory_file(const char *name) {
#ifdef __linux__
    return memfd_create(name, MFD_CLOEXEC);
#else
    (void)name;
    errno = ENOSYS;
    return -1;
#endif
}

static const int exec_signals[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP};
#define EXEC_SIGNAL_COUNT (sizeof(exec_signals) / sizeof(exec_signals[0]))
static struct sigaction exec_saved[EXEC_SIGNAL_COUNT];
static volatile pid_t exec_child = 0;
static volatile sig_atomic_t exec_pending = 0;

static void exec_forward(int sig, siginfo_t *info, void *context) {
    (void)context;
    // The terminal (si_code > 0: SI_KERNEL) sends Ctrl-C, Ctrl-\ and a hang-up to the whole
    // foreground process group, the child included: passing it on would deliver it twice.
    if (info != NULL && info->si_code > 0) return;
    int saved = errno;
    pid_t child = exec_child;
    if (child > 0) {
        kill(child, sig);
    } else {
        exec_pending = sig;
    }
    errno = saved;
}

void shim_exec_signals_begin(void) {
    exec_child = 0;
    exec_pending = 0;
    struct sigaction action;
    action.sa_sigaction = exec_forward;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    for (size_t i = 0; i < EXEC_SIGNAL_COUNT; i++) sigaction(exec_signals[i], &action, &exec_saved[i]);
}

void shim_exec_signals_child(pid_t pid) {
    exec_child = pid;
    int pending = exec_pending;
    if (pending != 0 && pid > 0) {
        exec_pending = 0;
        kill(pid, pending);
    }
}

void shim_exec_signals_end(void) {
    for (size_t i = 0; i < EXEC_SIGNAL_COUNT; i++) sigaction(exec_signals[i], &exec_saved[i], NULL);
    exec_child = 0;
}

int shim_exec_spawn(const char *path, char *const argv[], char *const envp[], int descriptor3) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    static const int handled[] = {SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU};
    struct sigaction defaults;
    memset(&defaults, 0, sizeof defaults);
    defaults.sa_handler = SIG_DFL;
    for (size_t index = 0; index < sizeof handled / sizeof handled[0]; index++) {
        sigaction(handled[index], &defaults, NULL);
    }
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    if (descriptor3 >= 0 && dup2(descriptor3, 3) < 0) _exit(127);
    closefrom(descriptor3 >= 0 ? 4 : 3);
    // KEYCTL_JOIN_SESSION_KEYRING (1) with no name: a new anonymous session keyring.
    syscall(SYS_keyctl, 1, (char *)0);
    execve(path, argv, envp);
    _exit(127);
}
