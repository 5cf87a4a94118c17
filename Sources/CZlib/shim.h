// zlib's C API: gzip and raw-deflate decompression for the dataset readers, CRC-32 for zip archives.
#ifndef SAMLAB_CZLIB_SHIM_H
#define SAMLAB_CZLIB_SHIM_H
#include <zlib.h>
#endif
