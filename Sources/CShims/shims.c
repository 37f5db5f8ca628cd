#define _GNU_SOURCE  // ppoll
#include "CShims.h"
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

FILE *shim_stdin(void) { return stdin; }
FILE *shim_stdout(void) { return stdout; }
FILE *shim_stderr(void) { return stderr; }

int shim_el_set_prompt(EditLine *el, shim_el_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
int shim_el_set_rprompt(EditLine *el, shim_el_prompt_fn fn) { return el_set(el, EL_RPROMPT, fn); }
int shim_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int shim_el_set_int(EditLine *el, int op, int value) { return el_set(el, op, value); }
int shim_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
int shim_el_set_addfn(EditLine *el, const char *name, const char *help, shim_el_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
int shim_el_set_bind(EditLine *el, const char *key, const char *fnname) {
    return el_set(el, EL_BIND, key, fnname, (const char *)NULL);
}
int shim_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
int shim_el_set_getcfn(EditLine *el, el_rfunc_t fn) { return el_set(el, EL_GETCFN, fn); }
int shim_el_get_clientdata(EditLine *el, void **data) { return el_get(el, EL_CLIENTDATA, data); }

int shim_history_int(History *h, HistEvent *ev, int op, int value) { return history(h, ev, op, value); }
int shim_history_str(History *h, HistEvent *ev, int op, const char *value) { return history(h, ev, op, value); }
int shim_history_void(History *h, HistEvent *ev, int op) { return history(h, ev, op); }
int shim_history_nsave_fp(History *h, HistEvent *ev, size_t count, FILE *fp) {
    return history(h, ev, H_NSAVE_FP, count, fp);
}

CURLcode shim_curl_setopt_long(CURL *c, CURLoption opt, long value) { return curl_easy_setopt(c, opt, value); }
CURLcode shim_curl_setopt_string(CURL *c, CURLoption opt, const char *value) { return curl_easy_setopt(c, opt, value); }
CURLcode shim_curl_setopt_pointer(CURL *c, CURLoption opt, void *value) { return curl_easy_setopt(c, opt, value); }
CURLcode shim_curl_setopt_slist(CURL *c, CURLoption opt, struct curl_slist *value) {
    return curl_easy_setopt(c, opt, value);
}
CURLcode shim_curl_setopt_data_fn(CURL *c, CURLoption opt, shim_curl_data_fn fn) { return curl_easy_setopt(c, opt, fn); }
CURLcode shim_curl_setopt_xferinfo_fn(CURL *c, CURLoption opt, shim_curl_xferinfo_fn fn) {
    return curl_easy_setopt(c, opt, fn);
}
CURLcode shim_curl_setopt_off(CURL *c, CURLoption opt, curl_off_t value) { return curl_easy_setopt(c, opt, value); }
CURLcode shim_curl_getinfo_long(CURL *c, CURLINFO info, long *out) { return curl_easy_getinfo(c, info, out); }
CURLcode shim_curl_getinfo_string(CURL *c, CURLINFO info, const char **out) { return curl_easy_getinfo(c, info, out); }

int shim_termios_echo_off(int fd, struct termios *saved) {
    if (tcgetattr(fd, saved) != 0) return -1;
    struct termios quiet = *saved;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
    quiet.c_lflag |= ICANON;
    return tcsetattr(fd, TCSAFLUSH, &quiet);
}
int shim_termios_restore(int fd, const struct termios *saved) { return tcsetattr(fd, TCSAFLUSH, saved); }
int shim_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}
int shim_terminal_rows(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_row;
}

static struct termios guard_saved;
static int guard_fd = -1;
static volatile sig_atomic_t guard_active = 0;
static struct sigaction guard_old_term, guard_old_hup, guard_old_quit;

static void guard_handler(int sig) {
    // tcsetattr, signal and raise are async-signal-safe.
    if (guard_active) tcsetattr(guard_fd, TCSAFLUSH, &guard_saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

int shim_echo_guard_begin(int fd) {
    if (tcgetattr(fd, &guard_saved) != 0) return -1;
    guard_fd = fd;
    guard_active = 1;
    struct sigaction action;
    action.sa_handler = guard_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGTERM, &action, &guard_old_term);
    sigaction(SIGHUP, &action, &guard_old_hup);
    sigaction(SIGQUIT, &action, &guard_old_quit);
    // Echo goes off only once the handlers that turn it back on are in place.
    struct termios quiet = guard_saved;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
    quiet.c_lflag |= ICANON;
    if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
        shim_echo_guard_end();
        return -1;
    }
    return 0;
}

int shim_echo_guard_end(void) {
    if (!guard_active) return 0;
    int result = tcsetattr(guard_fd, TCSAFLUSH, &guard_saved);
    guard_active = 0;
    sigaction(SIGTERM, &guard_old_term, NULL);
    sigaction(SIGHUP, &guard_old_hup, NULL);
    sigaction(SIGQUIT, &guard_old_quit, NULL);
    return result;
}

int shim_take_typed_end_of_file(int fd) {
    struct termios mode;
    if (tcgetattr(fd, &mode) != 0 || !(mode.c_lflag & ICANON)) return 0;
    struct pollfd ready = {.fd = fd, .events = POLLIN};
    if (poll(&ready, 1, 0) != 1 || !(ready.revents & POLLIN)) return 0;
    // Readable with nothing queued: in canonical mode that is an end-of-file (or a hang-up).
    int queued = 0;
    if (ioctl(fd, FIONREAD, &queued) != 0 || queued != 0) return 0;
    char byte;
    return read(fd, &byte, 1) == 0;
}

int shim_block_interrupts(sigset_t *previous) {
    sigset_t interrupts;
    sigemptyset(&interrupts);
    sigaddset(&interrupts, SIGINT);
    return pthread_sigmask(SIG_BLOCK, &interrupts, previous);
}

int shim_restore_signal_mask(const sigset_t *previous) { return pthread_sigmask(SIG_SETMASK, previous, NULL); }

int shim_wait_readable_or_interrupt(int fd) {
    sigset_t during;
    pthread_sigmask(SIG_SETMASK, NULL, &during);
    sigdelset(&during, SIGINT);
    struct pollfd ready = {.fd = fd, .events = POLLIN};
    return ppoll(&ready, 1, NULL, &during) > 0 ? 1 : -1;
}
