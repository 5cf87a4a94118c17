// OpenBLAS's CBLAS and LAPACKE C APIs, plus the OpenBLAS runtime queries samlab uses to pick a kernel.
#ifndef SAMLAB_CBLAS_SHIM_H
#define SAMLAB_CBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
