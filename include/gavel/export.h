/* GAVEL_API marks what libgavel exports: the library is built with hidden visibility, so that
   only the public API (<gavel/gavel.hpp>, and the C ABI) is part of its ABI and nothing of the
   engine inside can be linked against. Valid C and C++. */
#ifndef GAVEL_EXPORT_H
#define GAVEL_EXPORT_H

#ifndef GAVEL_API
#if defined(__GNUC__) || defined(__clang__)
#define GAVEL_API __attribute__((visibility("default")))
#else
#define GAVEL_API
#endif
#endif

#endif /* GAVEL_EXPORT_H */
