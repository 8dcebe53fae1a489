/* AK_EXTERN marks what libalignkit exports.  The library is built with
 * hidden visibility, so a function is part of the shared library's ABI only
 * when its declaration in include/ carries AK_EXTERN; everything else,
 * internal helpers included, stays inside the library. */
#ifndef ALIGNKIT_EXPORT_H
#define ALIGNKIT_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define AK_EXTERN extern __attribute__((visibility("default")))
#else
#define AK_EXTERN extern
#endif

#endif
