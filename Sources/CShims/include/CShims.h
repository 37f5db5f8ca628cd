#ifndef TOKENSH_CSHIMS_H
#define TOKENSH_CSHIMS_H
// Non-variadic wrappers for the variadic C calls of libedit and libcurl, which Swift cannot import.
#include <stdio.h>
#include <histedit.h>
#include <curl/curl.h>

#endif
