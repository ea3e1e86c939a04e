/* A tiny test harness for the C tests: CHECK records a pass or a failure
 * with its place, and check_summary() prints "N passed, N failed". */
#ifndef ROUNDTABLE_CHECK_H
#define ROUNDTABLE_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed = 0;
static int check_failed = 0;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (cond) {                                                          \
            check_passed++;                                                  \
        } else {                                                             \
            check_failed++;                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

/* Both strings non-NULL and equal. */
#define CHECK_STR(got, want)                                                 \
    do {                                                                     \
        const char *check_got_ = (got);                                      \
        const char *check_want_ = (want);                                    \
        if (check_got_ != NULL && strcmp(check_got_, check_want_) == 0) {    \
            check_passed++;                                                  \
        } else {                                                             \
            check_failed++;                                                  \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__,    \
                    __LINE__, check_got_ ? check_got_ : "(null)",            \
                    check_want_);                                            \
        }                                                                    \
    } while (0)

static int check_summary(void) {
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

#endif
