#ifndef TOKENSH_CSHIMS_H
#define TOKENSH_CSHIMS_H
// Non-variadic wrappers for the variadic C calls of libedit and libcurl, which Swift cannot import.
// Each wrapper passes exactly the C type the library reads with va_arg.
#include <stdio.h>
#include <histedit.h>
#include <curl/curl.h>
#include <signal.h>
#include <termios.h>

// MARK: libedit

// The C standard streams, which Swift 6 refuses to read as global variables.
FILE *shim_stdin(void);
FILE *shim_stdout(void);
FILE *shim_stderr(void);

typedef char *(*shim_el_prompt_fn)(EditLine *);
typedef unsigned char (*shim_el_command_fn)(EditLine *, int);

int shim_el_set_prompt(EditLine *el, shim_el_prompt_fn fn);
int shim_el_set_rprompt(EditLine *el, shim_el_prompt_fn fn);
int shim_el_set_editor(EditLine *el, const char *mode);
int shim_el_set_int(EditLine *el, int op, int value);
int shim_el_set_hist(EditLine *el, History *h);
int shim_el_set_addfn(EditLine *el, const char *name, const char *help, shim_el_command_fn fn);
int shim_el_set_bind(EditLine *el, const char *key, const char *fnname);
int shim_el_set_clientdata(EditLine *el, void *data);
int shim_el_set_getcfn(EditLine *el, el_rfunc_t fn);
int shim_el_get_clientdata(EditLine *el, void **data);

int shim_history_int(History *h, HistEvent *ev, int op, int value);
int shim_history_str(History *h, HistEvent *ev, int op, const char *value);
int shim_history_void(History *h, HistEvent *ev, int op);
/// H_NSAVE_FP: writes the newest entries to fp (the `_HiStOrY_V2_` line first when fp is at
/// offset 0); libedit writes count + 1 of them.
int shim_history_nsave_fp(History *h, HistEvent *ev, size_t count, FILE *fp);

// MARK: libcurl

typedef size_t (*shim_curl_data_fn)(char *, size_t, size_t, void *);
typedef int (*shim_curl_xferinfo_fn)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);

CURLcode shim_curl_setopt_long(CURL *c, CURLoption opt, long value);
CURLcode shim_curl_setopt_string(CURL *c, CURLoption opt, const char *value);
CURLcode shim_curl_setopt_pointer(CURL *c, CURLoption opt, void *value);
CURLcode shim_curl_setopt_slist(CURL *c, CURLoption opt, struct curl_slist *value);
CURLcode shim_curl_setopt_data_fn(CURL *c, CURLoption opt, shim_curl_data_fn fn);
CURLcode shim_curl_setopt_xferinfo_fn(CURL *c, CURLoption opt, shim_curl_xferinfo_fn fn);
CURLcode shim_curl_setopt_off(CURL *c, CURLoption opt, curl_off_t value);
CURLcode shim_curl_getinfo_long(CURL *c, CURLINFO info, long *out);
CURLcode shim_curl_getinfo_string(CURL *c, CURLINFO info, const char **out);

// MARK: termios

/// Clears ECHO and ECHONL (ICANON stays on) on fd; stores the previous settings in saved.
int shim_termios_echo_off(int fd, struct termios *saved);
/// Restores settings saved by shim_termios_echo_off.
int shim_termios_restore(int fd, const struct termios *saved);
/// The terminal width of fd in columns, or 0 when unknown.
int shim_terminal_columns(int fd);
/// The terminal height of fd in rows, or 0 when unknown.
int shim_terminal_rows(int fd);

/// Turns echo off on fd (as shim_termios_echo_off) and, until shim_echo_guard_end, restores the
/// saved settings from a SIGTERM, SIGHUP or SIGQUIT (Ctrl-\) handler before re-raising the signal with its default
/// action, so a killed secret prompt never leaves the terminal silent. Returns -1 on failure.
int shim_echo_guard_begin(int fd);
/// Restores the terminal saved by shim_echo_guard_begin and the previous TERM/HUP/QUIT handlers.
int shim_echo_guard_end(void);

/// Whether fd, a terminal in canonical mode, holds an end-of-file (Ctrl-D on an empty line) typed
/// while nobody was reading; takes it when it does (returns 1). Switching to raw mode would
/// turn it into a NUL byte, so a line editor must ask before it starts reading.
int shim_take_typed_end_of_file(int fd);

// A Ctrl-C that arrives between a check of the interrupt flag and a blocking read would be
// handled before the read and then wait for the next key. So SIGINT stays blocked around a
// reader's loop and is let through only while waiting for input, atomically (ppoll).

/// Blocks SIGINT for this thread; stores the previous mask in previous.
int shim_block_interrupts(sigset_t *previous);
/// Restores a mask stored by shim_block_interrupts (a pending SIGINT is delivered then).
int shim_restore_signal_mask(const sigset_t *previous);
/// Waits until fd is readable (1) or a signal arrived (-1, errno EINTR), with SIGINT unblocked
/// only during the wait.
int shim_wait_readable_or_interrupt(int fd);

#endif
