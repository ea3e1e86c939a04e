/* The smallest use of the library: its version and the findings of the
 * seed meeting (run from the repository's root). */
#include <stdio.h>

#include "roundtable.h"

int main(void) {
    roundtable_meeting *meeting = NULL;
    roundtable_report *report = NULL;
    size_t count = 0;
    printf("roundtable %s\n", ROUNDTABLE_VERSION);
    if (roundtable_meeting_load("tests/data/seed-meeting.json", &meeting) != ROUNDTABLE_OK) {
        char *message = roundtable_last_error();
        fprintf(stderr, "%s\n", message);
        roundtable_string_free(message);
        return 1;
    }
    if (roundtable_meeting_validate(meeting, &report) == ROUNDTABLE_OK &&
        roundtable_report_len(report, &count) == ROUNDTABLE_OK) {
        printf("%zu findings\n", count);
    }
    roundtable_report_free(report);
    roundtable_meeting_free(meeting);
    return 0;
}
