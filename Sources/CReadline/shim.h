// GNU readline and history. readline.h uses FILE without including stdio.h, so stdio.h comes first.
#ifndef SAMLAB_CREADLINE_SHIM_H
#define SAMLAB_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif
