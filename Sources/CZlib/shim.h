#ifndef CHATFILES_CZLIB_SHIM_H
#define CHATFILES_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 and inflateInit are macros that pass ZLIB_VERSION and the
// struct size, so Swift cannot call them; these functions do it for Swift.
static inline int chatfiles_deflateInit2(z_streamp stream, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, strategy);
}

static inline int chatfiles_inflateInit(z_streamp stream) {
    return inflateInit(stream);
}

#endif
