// The header compiles as C++17 and links against the static library.
#include <cstdio>
#include <cstring>

#include "roundtable.h"

int main() {
    roundtable_meeting *meeting = nullptr;
    const char *json = "{\"schema_version\": 1}";
    roundtable_status status = roundtable_meeting_from_json(json, std::strlen(json), &meeting);
    char *message = roundtable_last_error();
    bool good = status == ROUNDTABLE_JSON_ERROR && meeting == nullptr && message != nullptr &&
                std::strstr(message, "missing field") != nullptr;
    roundtable_string_free(message);
    std::printf("%d passed, %d failed\n", good ? 1 : 0, good ? 0 : 1);
    return good ? 0 : 1;
}
