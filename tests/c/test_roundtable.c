/* The C ABI end to end: the seed meeting and roster, validation, every
 * error path. Run as: test_roundtable <tests/data directory>. */
#include <stdlib.h>

#include "roundtable.h"
#include "check.h"

static char data_dir[4096];

static const char *data(const char *name) {
    static char path[8192];
    snprintf(path, sizeof path, "%s/%s", data_dir, name);
    return path;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long size;
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)size + 1);
    if (buf != NULL && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf != NULL) {
        buf[size] = '\0';
        *len = (size_t)size;
    }
    return buf;
}

/* The last error's message contains `part`. */
static int last_error_has(const char *part) {
    char *message = roundtable_last_error();
    int found = message != NULL && strstr(message, part) != NULL;
    if (!found) fprintf(stderr, "last error: %s\n", message ? message : "(none)");
    roundtable_string_free(message);
    return found;
}

static void check_field(const roundtable_meeting *m, const char *name, const char *want) {
    char *value = NULL;
    CHECK(roundtable_meeting_field(m, name, &value) == ROUNDTABLE_OK);
    CHECK_STR(value, want);
    roundtable_string_free(value);
}

static void test_seed_meeting(void) {
    roundtable_meeting *m = NULL, *again = NULL;
    roundtable_roster *roster = NULL, *from_buffer = NULL, *copy = NULL;
    roundtable_report *report = NULL;
    roundtable_person *person = NULL;
    size_t len = 0, i, n = 0, errors = 99;
    char *json = NULL, *json2 = NULL, *text = NULL, *buf;
    bool ok = false;
    int short_notice = 0, empty_section = 0, unknown_member = 0, elverum_vekst = 0;

    CHECK(roundtable_meeting_load(data("seed-meeting.json"), &m) == ROUNDTABLE_OK);
    CHECK(m != NULL);
    check_field(m, "venue", "Oslo Rådhus");
    check_field(m, "room", "møteromssenteret");
    check_field(m, "start", "2024-11-07T12:00:00+01:00");
    check_field(m, "end_local", "2024-11-07T13:00:00");
    check_field(m, "zone", "Europe/Oslo");
    check_field(m, "notice_date", "2024-11-01");
    CHECK(roundtable_meeting_field(m, "number", &text) == ROUNDTABLE_OK);
    CHECK(text == NULL); /* absent */

    CHECK(roundtable_meeting_agenda_len(m, &n) == ROUNDTABLE_OK && n == 5);
    CHECK(roundtable_meeting_item_kind(m, 3, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "round_table");
    roundtable_string_free(text);
    CHECK(roundtable_meeting_item_number(m, 4, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "5");
    roundtable_string_free(text);
    CHECK(roundtable_meeting_item_title(m, 4, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "Eventuelt");
    roundtable_string_free(text);
    CHECK(roundtable_meeting_contributions_len(m, &n) == ROUNDTABLE_OK && n == 5);
    CHECK(roundtable_meeting_contribution_from(m, 4, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "Lørenskog kommune");
    roundtable_string_free(text);
    CHECK(roundtable_meeting_contribution_body(m, 2, &text) == ROUNDTABLE_OK);
    CHECK(text != NULL && strstr(text, "Innlandet VGS:") != NULL);
    roundtable_string_free(text);

    /* The seed roster, from the file and from a buffer. */
    CHECK(roundtable_roster_from_csv_path(data("roster-seed.tsv"), NULL, &roster) == ROUNDTABLE_OK);
    CHECK(roundtable_roster_len(roster, &n) == ROUNDTABLE_OK && n == 45);
    CHECK(roundtable_roster_problem_count(roster, &n) == ROUNDTABLE_OK && n == 0);
    CHECK(roundtable_roster_get(roster, 3, &person) == ROUNDTABLE_OK);
    CHECK(roundtable_person_field(person, "given_name", &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "Anne Kristine");
    roundtable_string_free(text);
    CHECK(roundtable_person_field(person, "organisation", &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "Bærum kommune");
    roundtable_string_free(text);
    CHECK(roundtable_person_field(person, "role", &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "member");
    roundtable_string_free(text);
    CHECK(roundtable_person_field(person, "email", &text) == ROUNDTABLE_OK && text == NULL);
    CHECK(roundtable_person_extra_count(person, &n) == ROUNDTABLE_OK && n == 0);
    roundtable_person_free(person);

    buf = read_file(data("roster-seed.tsv"), &len);
    CHECK(buf != NULL);
    CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)buf, len, NULL, &from_buffer) == ROUNDTABLE_OK);
    CHECK(roundtable_roster_len(from_buffer, &n) == ROUNDTABLE_OK && n == 45);
    free(buf);

    /* Validate with the imported roster in place. */
    CHECK(roundtable_meeting_set_roster(m, from_buffer) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_validate(m, &report) == ROUNDTABLE_OK);
    CHECK(roundtable_report_len(report, &n) == ROUNDTABLE_OK && n == 5);
    CHECK(roundtable_report_is_ok(report, &ok) == ROUNDTABLE_OK && ok);
    CHECK(roundtable_report_error_count(report, &errors) == ROUNDTABLE_OK && errors == 0);
    for (i = 0; i < n; i++) {
        roundtable_finding *f = NULL;
        char *code = NULL, *path = NULL, *message = NULL;
        roundtable_severity severity = 0;
        CHECK(roundtable_report_get(report, i, &f) == ROUNDTABLE_OK);
        CHECK(roundtable_finding_code(f, &code) == ROUNDTABLE_OK);
        CHECK(roundtable_finding_path(f, &path) == ROUNDTABLE_OK);
        CHECK(roundtable_finding_message(f, &message) == ROUNDTABLE_OK);
        CHECK(roundtable_finding_severity(f, &severity) == ROUNDTABLE_OK);
        CHECK(severity == ROUNDTABLE_WARNING);
        if (code != NULL && strcmp(code, "notice.short_notice") == 0) {
            short_notice++;
            CHECK_STR(path, "notice.date");
        }
        if (code != NULL && strcmp(code, "contribution.empty_section") == 0) {
            empty_section++;
            CHECK_STR(path, "contributions[2].body");
        }
        if (code != NULL && strcmp(code, "contribution.unknown_member") == 0) {
            unknown_member++;
            if (message != NULL && strstr(message, "\"Elverum Vekst\"") != NULL) elverum_vekst++;
        }
        roundtable_string_free(code);
        roundtable_string_free(path);
        roundtable_string_free(message);
        roundtable_finding_free(f);
    }
    CHECK(short_notice == 1);
    CHECK(empty_section == 2);
    CHECK(unknown_member == 2);
    CHECK(elverum_vekst == 1);
    roundtable_report_free(report);

    /* A longer minimum notice is configurable: 6 days is then enough. */
    CHECK(roundtable_meeting_validate_with(m, 6, &report) == ROUNDTABLE_OK);
    CHECK(roundtable_report_len(report, &n) == ROUNDTABLE_OK && n == 4);
    roundtable_report_free(report);

    /* JSON round trip. */
    CHECK(roundtable_meeting_to_json(m, &json) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_from_json(json, strlen(json), &again) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_to_json(again, &json2) == ROUNDTABLE_OK);
    CHECK_STR(json2, json);
    roundtable_string_free(json);
    roundtable_string_free(json2);

    /* The meeting's roster comes back as set; export and import agree. */
    CHECK(roundtable_meeting_roster(again, &copy) == ROUNDTABLE_OK);
    CHECK(roundtable_roster_len(copy, &n) == ROUNDTABLE_OK && n == 45);
    CHECK(roundtable_roster_to_csv(copy, ';', ROUNDTABLE_ENGLISH, &text) == ROUNDTABLE_OK);
    CHECK(text != NULL && strncmp(text, "Given name;Family name;Organisation", 35) == 0);
    roundtable_roster_free(copy);
    copy = NULL;
    {
        roundtable_import_options options = roundtable_import_options_default();
        options.strict = true;
        CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)text, strlen(text), &options, &copy) == ROUNDTABLE_OK);
        CHECK(roundtable_roster_len(copy, &n) == ROUNDTABLE_OK && n == 45);
    }
    roundtable_string_free(text);
    roundtable_roster_free(copy);
    roundtable_roster_free(roster);
    roundtable_roster_free(from_buffer);
    roundtable_meeting_free(again);
    roundtable_meeting_free(m);
}

static void test_null_arguments(void) {
    roundtable_meeting *m = NULL;
    roundtable_roster *r = NULL;
    roundtable_report *report = NULL;
    roundtable_finding *f = NULL;
    roundtable_person *p = NULL;
    char *text = NULL;
    size_t n = 0;
    uint64_t line = 0;
    roundtable_severity severity = 0;
    bool ok = false;

    CHECK(roundtable_meeting_from_json(NULL, 5, &m) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(last_error_has("`json`"));
    CHECK(roundtable_meeting_from_json("{}", 2, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(last_error_has("`out`"));
    CHECK(roundtable_meeting_load(NULL, &m) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_load(data("seed-meeting.json"), NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_to_json(NULL, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_field(NULL, "id", &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_agenda_len(NULL, &n) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_item_number(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_item_title(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_item_kind(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_contributions_len(NULL, &n) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_contribution_from(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_contribution_body(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_roster(NULL, &r) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_set_roster(NULL, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_validate(NULL, &report) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_validate_with(NULL, 7, &report) == ROUNDTABLE_NULL_ARGUMENT);

    CHECK(roundtable_meeting_load(data("seed-meeting.json"), &m) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_field(m, NULL, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(last_error_has("`name`"));
    CHECK(roundtable_meeting_field(m, "id", NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_agenda_len(m, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_item_title(m, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_set_roster(m, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_validate(m, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_to_json(m, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_roster(m, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_item_number(m, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_item_kind(m, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_contributions_len(m, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_contribution_from(m, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_contribution_body(m, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_validate_with(m, 7, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)"Navn\nX\n", 8, NULL, NULL) == ROUNDTABLE_NULL_ARGUMENT);

    CHECK(roundtable_roster_from_csv_path(NULL, NULL, &r) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_from_csv_path(data("roster-seed.tsv"), NULL, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_from_csv_bytes(NULL, 3, NULL, &r) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_len(NULL, &n) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_get(NULL, 0, &p) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_to_csv(NULL, ';', ROUNDTABLE_NORWEGIAN, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_problem_count(NULL, &n) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_problem_line(NULL, 0, &line) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_problem_column(NULL, 0, &line) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_problem_column_name(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_problem_code(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_problem_severity(NULL, 0, &severity) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_problem_value(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_problem_reason(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_person_field(NULL, "given_name", &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_person_extra_count(NULL, &n) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_person_extra_name(NULL, 0, &text) == ROUNDTABLE_NULL_ARGUMENT);

    CHECK(roundtable_meeting_roster(m, &r) == ROUNDTABLE_OK);
    CHECK(roundtable_roster_len(r, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_get(r, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_get(r, 0, &p) == ROUNDTABLE_OK);
    CHECK(roundtable_person_field(p, NULL, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_person_field(p, "given_name", NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_person_extra_count(p, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_person_extra_name(p, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_to_csv(r, ';', ROUNDTABLE_NORWEGIAN, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_roster_problem_count(r, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    {
        /* A roster with one problem, to reach each accessor's `out`. */
        roundtable_roster *bad = NULL;
        const char *csv = "Fornavn;E-post\nDag;nei\nAnne;\n";
        CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)csv, strlen(csv), NULL, &bad) == ROUNDTABLE_OK);
        CHECK(roundtable_roster_problem_line(bad, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
        CHECK(roundtable_roster_problem_column(bad, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
        CHECK(roundtable_roster_problem_column_name(bad, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
        CHECK(roundtable_roster_problem_code(bad, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
        CHECK(roundtable_roster_problem_severity(bad, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
        CHECK(roundtable_roster_problem_value(bad, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
        CHECK(roundtable_roster_problem_reason(bad, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
        CHECK(roundtable_roster_problem_line(bad, 0, &line) == ROUNDTABLE_OK && line == 2);
        roundtable_roster_free(bad);
    }

    CHECK(roundtable_report_len(NULL, &n) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_report_is_ok(NULL, &ok) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_report_error_count(NULL, &n) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_report_get(NULL, 0, &f) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_finding_code(NULL, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_finding_path(NULL, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_finding_message(NULL, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_finding_severity(NULL, &severity) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_validate(m, &report) == ROUNDTABLE_OK);
    CHECK(roundtable_report_len(report, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_report_is_ok(report, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_report_get(report, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_report_get(report, 0, &f) == ROUNDTABLE_OK);
    CHECK(roundtable_finding_code(f, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_finding_severity(f, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_finding_path(f, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_finding_message(f, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_report_error_count(report, NULL) == ROUNDTABLE_NULL_ARGUMENT);

    /* Every free takes NULL. */
    roundtable_meeting_free(NULL);
    roundtable_roster_free(NULL);
    roundtable_person_free(NULL);
    roundtable_report_free(NULL);
    roundtable_finding_free(NULL);
    roundtable_string_free(NULL);

    roundtable_finding_free(f);
    roundtable_report_free(report);
    roundtable_person_free(p);
    roundtable_roster_free(r);
    roundtable_meeting_free(m);
}

static void test_bad_input(void) {
    roundtable_meeting *m = NULL;
    roundtable_roster *r = NULL;
    roundtable_report *report = NULL;
    roundtable_finding *f = NULL;
    roundtable_person *p = NULL;
    char *text = NULL, *code = NULL;
    uint64_t value = 0;
    size_t n = 0;
    roundtable_severity severity = 0;
    const char bad_utf8[] = {'/', 't', 'm', 'p', '/', (char)0xff, (char)0xfe, 0};
    const char *malformed = "{\n  \"schema_version\": 1,\n  \"id\" \"x\"\n}";
    const char *unknown = "{\n  \"schema_version\": 1,\n  \"titel\": \"x\"\n}";
    const char *gap =
        "{\"schema_version\":1,\"id\":\"x\",\"body\":\"b\",\"organiser\":\"o\",\"title\":\"t\","
        "\"time\":{\"start\":\"2025-03-30T02:30:00\",\"end\":\"2025-03-30T04:00:00\"},"
        "\"location\":{\"venue\":\"v\"}}";
    const char *bad_csv =
        "Fornavn;Etternavn;E-post\n"
        "Anne;Huse;anne@huse.no\n"
        "\"Gina\";\"Finsrud\nHalden\";\n"
        "Dag;Aanensen;dag(at)drammen.no\n";
    roundtable_import_options strict = roundtable_import_options_default();
    roundtable_import_options odd = roundtable_import_options_default();
    strict.strict = true;

    /* Invalid UTF-8 in a NUL-terminated argument. */
    CHECK(roundtable_meeting_load(bad_utf8, &m) == ROUNDTABLE_INVALID_UTF8);
    CHECK(last_error_has("not UTF-8"));
    CHECK(roundtable_roster_from_csv_path(bad_utf8, NULL, &r) == ROUNDTABLE_INVALID_UTF8);
    CHECK(roundtable_last_error_status() == ROUNDTABLE_INVALID_UTF8);
    /* And inside a JSON buffer. */
    CHECK(roundtable_meeting_from_json("{\"id\": \"\xff\"}", 11, &m) == ROUNDTABLE_JSON_ERROR);

    /* Malformed JSON: line and column. */
    CHECK(roundtable_meeting_from_json(malformed, strlen(malformed), &m) == ROUNDTABLE_JSON_ERROR);
    CHECK(roundtable_last_error_line() == 3);
    CHECK(roundtable_last_error_column() == 8);
    CHECK(last_error_has("line 3, column 8"));
    CHECK(m == NULL); /* nothing written on failure */
    CHECK(roundtable_meeting_from_json(unknown, strlen(unknown), &m) == ROUNDTABLE_JSON_UNKNOWN_FIELD);
    CHECK(roundtable_last_error_line() == 3);
    CHECK(last_error_has("unknown field `titel`"));
    CHECK(roundtable_meeting_from_json(gap, strlen(gap), &m) == ROUNDTABLE_JSON_ERROR);
    CHECK(last_error_has("daylight-saving gap"));
    CHECK(roundtable_meeting_from_json("", 0, &m) == ROUNDTABLE_JSON_ERROR);
    CHECK(roundtable_meeting_from_json(NULL, 0, &m) == ROUNDTABLE_JSON_ERROR);
    CHECK(roundtable_meeting_load("/nonexistent/meeting.json", &m) == ROUNDTABLE_IO_ERROR);
    CHECK(last_error_has("/nonexistent/meeting.json"));

    /* Bad CSV, strict: the first bad row, with line, column and code. */
    CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)bad_csv, strlen(bad_csv), &strict, &r) == ROUNDTABLE_CSV_ERROR);
    CHECK(roundtable_last_error_line() == 5); /* after a field over two lines */
    CHECK(roundtable_last_error_column() == 3);
    code = roundtable_last_error_code();
    CHECK_STR(code, "roster.email");
    roundtable_string_free(code);
    CHECK(last_error_has("dag(at)drammen.no"));
    CHECK(r == NULL);

    /* Lenient: everyone with a name (the malformed email kept as written),
     * the problem, and the counts. */
    CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)bad_csv, strlen(bad_csv), NULL, &r) == ROUNDTABLE_OK);
    CHECK(roundtable_roster_len(r, &n) == ROUNDTABLE_OK && n == 3);
    CHECK(roundtable_roster_get(r, 2, &p) == ROUNDTABLE_OK);
    CHECK(roundtable_person_field(p, "email", &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "dag(at)drammen.no");
    roundtable_string_free(text);
    CHECK(roundtable_person_field(p, "response", &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "needs_action");
    roundtable_string_free(text);
    CHECK(roundtable_person_field(p, "archive_role", &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "MEDL");
    roundtable_string_free(text);
    CHECK(roundtable_person_field(p, "title", &text) == ROUNDTABLE_OK && text == NULL);
    roundtable_person_free(p);
    p = NULL;
    CHECK(roundtable_roster_import_summary(r, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "{\"rows_read\":3,\"people\":3,\"skipped\":{},\"problems\":{\"roster.email\":1}}");
    roundtable_string_free(text);
    CHECK(roundtable_roster_problem_count(r, &n) == ROUNDTABLE_OK && n == 1);
    CHECK(roundtable_roster_problem_line(r, 0, &value) == ROUNDTABLE_OK && value == 5);
    CHECK(roundtable_roster_problem_column(r, 0, &value) == ROUNDTABLE_OK && value == 3);
    CHECK(roundtable_roster_problem_code(r, 0, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "roster.email");
    roundtable_string_free(text);
    CHECK(roundtable_roster_problem_column_name(r, 0, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "E-post");
    roundtable_string_free(text);
    CHECK(roundtable_roster_problem_value(r, 0, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "dag(at)drammen.no");
    roundtable_string_free(text);
    CHECK(roundtable_roster_problem_reason(r, 0, &text) == ROUNDTABLE_OK);
    CHECK(text != NULL && strstr(text, "email") != NULL);
    roundtable_string_free(text);
    CHECK(roundtable_roster_problem_severity(r, 0, &severity) == ROUNDTABLE_OK && severity == ROUNDTABLE_ERROR);

    /* Indexes past the end. */
    CHECK(roundtable_roster_problem_line(r, 1, &value) == ROUNDTABLE_OUT_OF_RANGE);
    CHECK(last_error_has("problem index 1 is out of range: there are 1"));
    CHECK(roundtable_roster_get(r, 3, &p) == ROUNDTABLE_OUT_OF_RANGE);
    CHECK(p == NULL);
    CHECK(roundtable_roster_get(r, (size_t)-1, &p) == ROUNDTABLE_OUT_OF_RANGE);
    CHECK(roundtable_roster_get(r, 1, &p) == ROUNDTABLE_OK);
    CHECK(roundtable_person_extra_name(p, 0, &text) == ROUNDTABLE_OUT_OF_RANGE);
    CHECK(roundtable_person_field(p, "family_name", &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "Finsrud\nHalden");
    roundtable_string_free(text);

    /* Wrong option values. */
    odd.encoding = "ebcdic";
    CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)bad_csv, strlen(bad_csv), &odd, &r) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(last_error_has("ebcdic"));
    odd.encoding = NULL;
    odd.delimiter = 200;
    CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)bad_csv, strlen(bad_csv), &odd, &r) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(roundtable_roster_to_csv(r, '|', ROUNDTABLE_NORWEGIAN, &text) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(roundtable_roster_to_csv(r, ';', 7, &text) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(last_error_has("header language 7"));

    /* Inputs that are no roster at all. */
    {
        roundtable_roster *none = NULL;
        const uint8_t png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)"", 0, NULL, &none) == ROUNDTABLE_CSV_EMPTY);
        CHECK(roundtable_roster_from_csv_bytes(png, sizeof png, NULL, &none) == ROUNDTABLE_CSV_BINARY);
        CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)"Organisasjon\nKS\n", 16, NULL, &none) == ROUNDTABLE_CSV_NO_NAME_COLUMN);
        CHECK(roundtable_last_error_line() == 1);
        CHECK(roundtable_roster_from_csv_path("/nonexistent/roster.csv", NULL, &none) == ROUNDTABLE_IO_ERROR);
        CHECK(none == NULL);
    }

    CHECK(roundtable_meeting_load(data("seed-meeting.json"), &m) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_item_title(m, 5, &text) == ROUNDTABLE_OUT_OF_RANGE);
    CHECK(last_error_has("agenda item index 5 is out of range: there are 5"));
    CHECK(roundtable_meeting_contribution_from(m, 5, &text) == ROUNDTABLE_OUT_OF_RANGE);
    CHECK(roundtable_meeting_field(m, "titel", &text) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(roundtable_meeting_validate(m, &report) == ROUNDTABLE_OK);
    CHECK(roundtable_report_get(report, 5, &f) == ROUNDTABLE_OUT_OF_RANGE);
    CHECK(f == NULL);
    CHECK(roundtable_last_error_status() == ROUNDTABLE_OUT_OF_RANGE);
    roundtable_last_error_clear();
    CHECK(roundtable_last_error() == NULL);
    CHECK(roundtable_last_error_line() == 0);

    roundtable_report_free(report);
    roundtable_meeting_free(m);
    roundtable_person_free(p);
    roundtable_roster_free(r);
}

static void test_calendar(void) {
    roundtable_meeting *m = NULL;
    char *ics = NULL, *golden, *kind;
    size_t len = 0;
    const int64_t stamp = 1730448000; /* 2024-11-01T08:00:00Z */
    char golden_path[8192];
    CHECK(roundtable_meeting_load(data("seed-meeting.json"), &m) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_to_ics(m, "publish", 0, &stamp, &ics) == ROUNDTABLE_OK);
    snprintf(golden_path, sizeof golden_path, "%s/../golden/seed-meeting.ics", data_dir);
    golden = read_file(golden_path, &len);
    CHECK(golden != NULL && ics != NULL && strcmp(ics, golden) == 0);
    free(golden);
    roundtable_string_free(ics);
    ics = NULL;
    /* Now as time stamp, and a raised sequence. */
    CHECK(roundtable_meeting_to_ics(m, "PUBLISH", 3, NULL, &ics) == ROUNDTABLE_OK);
    CHECK(ics != NULL && strstr(ics, "SEQUENCE:3\r\n") != NULL);
    roundtable_string_free(ics);
    ics = NULL;
    /* The seed has no emails: no request can be made of it. */
    CHECK(roundtable_meeting_to_ics(m, "request", 0, &stamp, &ics) == ROUNDTABLE_CALENDAR_ERROR);
    CHECK(ics == NULL);
    kind = roundtable_last_error_kind();
    CHECK_STR(kind, "calendar");
    roundtable_string_free(kind);
    CHECK(last_error_has("organizer"));
    CHECK(roundtable_meeting_to_ics(m, "invite", 0, &stamp, &ics) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(roundtable_meeting_to_ics(NULL, "publish", 0, &stamp, &ics) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_to_ics(m, NULL, 0, &stamp, &ics) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_to_ics(m, "publish", 0, &stamp, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    roundtable_meeting_free(m);
}

static void test_documents(void) {
    static const char *documents[] = {"notice", "agenda", "minutes"};
    static const char *languages[] = {"nb", "en"};
    static const char *formats[][2] = {{"markdown", "md"}, {"html", "html"}};
    roundtable_meeting *m = NULL;
    size_t d, l, f, len = 0;
    char *text = NULL;
    CHECK(roundtable_meeting_load(data("seed-meeting.json"), &m) == ROUNDTABLE_OK);
    for (d = 0; d < 3; d++) {
        for (l = 0; l < 2; l++) {
            for (f = 0; f < 2; f++) {
                char golden_path[8192];
                char *golden;
                snprintf(golden_path, sizeof golden_path, "%s/../golden/seed-%s.%s.%s", data_dir, documents[d], languages[l], formats[f][1]);
                CHECK(roundtable_meeting_render(m, documents[d], formats[f][0], languages[l], &text) == ROUNDTABLE_OK);
                golden = read_file(golden_path, &len);
                CHECK(golden != NULL && text != NULL && strcmp(golden, text) == 0);
                free(golden);
                roundtable_string_free(text);
                text = NULL;
            }
        }
    }
    CHECK(roundtable_meeting_render(m, "letter", "html", "nb", &text) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(last_error_has("unknown document"));
    CHECK(roundtable_meeting_render(m, "agenda", "pdf", "nb", &text) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(roundtable_meeting_render(m, "agenda", "html", "sv", &text) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(roundtable_meeting_render(NULL, "agenda", "html", "nb", &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_render(m, NULL, "html", "nb", &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_render(m, "agenda", NULL, "nb", &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_render(m, "agenda", "html", NULL, &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_render(m, "agenda", "html", "nb", NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(text == NULL);
    roundtable_meeting_free(m);
}

/* A text holding a NUL is refused with its own status, never returned cut
 * short with ROUNDTABLE_OK; error codes are the core's. */
static void test_nul_and_codes(void) {
    static const char csv[] = "Fornavn;Etternavn;Notat\nAnne;Huse;\"a\"\nDag;Aanensen;b\n";
    static const char nul_json[] =
        "{\"schema_version\":1,\"id\":\"m\",\"body\":\"T\\u0000cut\",\"organiser\":\"O\",\"title\":\"T\","
        "\"time\":{\"start\":\"2024-11-07T12:00:00\",\"end\":\"2024-11-07T13:00:00\"},"
        "\"location\":{\"venue\":\"V\"},\"agenda\":[],\"roster\":[],\"contributions\":[]}";
    roundtable_meeting *m = NULL;
    roundtable_roster *r = NULL;
    char *text = NULL, *code = NULL, *kind = NULL, *codes = NULL;
    CHECK(roundtable_meeting_from_json(nul_json, strlen(nul_json), &m) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_render(m, "agenda", "markdown", "nb", &text) == ROUNDTABLE_NUL_IN_TEXT);
    CHECK(text == NULL);
    CHECK(last_error_has("NUL byte at offset"));
    kind = roundtable_last_error_kind();
    CHECK(kind != NULL && strcmp(kind, "nul_in_text") == 0);
    roundtable_string_free(kind);
    /* JSON escapes it: the document itself comes back whole. */
    CHECK(roundtable_meeting_to_json(m, &text) == ROUNDTABLE_OK);
    CHECK(text != NULL && strstr(text, "T\\u0000cut") != NULL);
    roundtable_string_free(text);
    text = NULL;
    roundtable_meeting_free(m);

    /* An empty file: the same code as Rust's Error::code and Python's. */
    CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)"", 0, NULL, &r) == ROUNDTABLE_CSV_EMPTY);
    code = roundtable_last_error_code();
    CHECK(code != NULL && strcmp(code, "import.empty") == 0);
    roundtable_string_free(code);
    CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)csv, strlen(csv), NULL, &r) == ROUNDTABLE_OK);
    CHECK(roundtable_roster_to_csv(r, '|', ROUNDTABLE_NORWEGIAN, &text) == ROUNDTABLE_INVALID_ARGUMENT);
    code = roundtable_last_error_code();
    CHECK(code != NULL && strcmp(code, "argument.invalid") == 0);
    roundtable_string_free(code);
    roundtable_roster_free(r);

    codes = roundtable_codes();
    CHECK(codes != NULL && strstr(codes, "import.no_name_column\terror\t") != NULL);
    CHECK(codes != NULL && strstr(codes, "contribution.late\twarning\t") != NULL);
    roundtable_string_free(codes);
}

static void test_plan(void) {
    const char *dates[] = {"2025-09-11", "2025-02-06", "2025-05-29", "2025-03-08"};
    const char *bad[] = {"2025-02-06", "6. februar"};
    const char *missing[] = {NULL};
    const int64_t stamp = 1730448000;
    roundtable_meeting *m = NULL, *first = NULL;
    roundtable_plan *plan = NULL;
    roundtable_report *report = NULL;
    char *text = NULL;
    size_t n = 0, i;
    int holiday = 0, weekend = 0;
    CHECK(roundtable_meeting_load(data("seed-meeting.json"), &m) == ROUNDTABLE_OK);
    CHECK(roundtable_plan_build(m, dates, 4, &plan) == ROUNDTABLE_OK);
    CHECK(roundtable_plan_len(plan, &n) == ROUNDTABLE_OK && n == 4);
    CHECK(roundtable_plan_get(plan, 0, &first) == ROUNDTABLE_OK);
    check_field(first, "start", "2025-02-06T12:00:00+01:00");
    roundtable_meeting_free(first);
    CHECK(roundtable_plan_validate(plan, &report) == ROUNDTABLE_OK);
    CHECK(roundtable_report_len(report, &n) == ROUNDTABLE_OK && n == 2);
    for (i = 0; i < n; i++) {
        roundtable_finding *f = NULL;
        char *code = NULL, *message = NULL;
        roundtable_report_get(report, i, &f);
        roundtable_finding_code(f, &code);
        roundtable_finding_message(f, &message);
        if (code != NULL && strcmp(code, "plan.public_holiday") == 0 && strstr(message, "Kristi himmelfartsdag") != NULL) holiday++;
        if (code != NULL && strcmp(code, "plan.weekend") == 0) weekend++;
        roundtable_string_free(code);
        roundtable_string_free(message);
        roundtable_finding_free(f);
    }
    CHECK(holiday == 1 && weekend == 1);
    roundtable_report_free(report);
    CHECK(roundtable_plan_render(plan, "markdown", "nb", &text) == ROUNDTABLE_OK);
    CHECK(text != NULL && strstr(text, "# Møteplan 2025") == text);
    roundtable_string_free(text);
    CHECK(roundtable_plan_to_ics(plan, "publish", 0, &stamp, &text) == ROUNDTABLE_OK);
    CHECK(text != NULL && strstr(text, "DTSTART;TZID=Europe/Oslo:20250529T120000\r\n") != NULL);
    roundtable_string_free(text);
    CHECK(roundtable_plan_get(plan, 4, &first) == ROUNDTABLE_OUT_OF_RANGE);
    CHECK(roundtable_plan_build(m, bad, 2, &plan) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(last_error_has("dates[1]"));
    CHECK(roundtable_plan_build(m, missing, 1, &plan) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_build(m, NULL, 3, &plan) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_build(NULL, dates, 4, &plan) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_build(m, dates, 4, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_len(NULL, &n) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_len(plan, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_validate(NULL, &report) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_validate(plan, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_render(plan, NULL, "nb", &text) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_render(plan, "pdf", "nb", &text) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(roundtable_plan_to_ics(plan, "publish", 0, &stamp, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_plan_get(NULL, 0, &first) == ROUNDTABLE_NULL_ARGUMENT);
    roundtable_plan_free(plan);
    roundtable_plan_free(NULL);
    roundtable_meeting_free(m);
}


/* Replies to the invitation: one from a file, a batch with every kind of
 * reply not applied, a malformed one (the error's code and line), the
 * response summary and its section in the agenda, and NULLs. */
static void test_replies(void) {
    static const char *batch_files[] = {"replies/google-accepted-quoted-printable.eml",
                                        "replies/request.ics", "replies/other-meeting.ics",
                                        "replies/unknown-attendee.ics",
                                        "replies/malformed-partstat.ics"};
    static const char *want_codes[] = {"reply.not_a_reply", "reply.other_meeting",
                                       "reply.unknown_attendee", "reply.malformed"};
    static const uint64_t want_lines[] = {1, 5, 8, 8};
    roundtable_meeting *m = NULL;
    roundtable_reply_outcome *o = NULL;
    const uint8_t *datas[5];
    size_t lens[5];
    char *bufs[5];
    char *person = NULL, *field = NULL, *before = NULL, *after = NULL, *code = NULL,
         *reason = NULL, *json = NULL, *text = NULL;
    size_t n = 0, len = 0, i, reply = 99;
    uint64_t line = 99;
    char *buf;

    CHECK(roundtable_meeting_load(data("replies/meeting.json"), &m) == ROUNDTABLE_OK);
    buf = read_file(data("replies/outlook-declined-base64.eml"), &len);
    CHECK(buf != NULL);
    CHECK(roundtable_meeting_apply_reply(m, (const uint8_t *)buf, len, &o) == ROUNDTABLE_OK);
    CHECK(roundtable_reply_outcome_change_len(o, &n) == ROUNDTABLE_OK && n == 2);
    CHECK(roundtable_reply_outcome_change_get(o, 0, &person, &field, &before, &after) ==
          ROUNDTABLE_OK);
    CHECK_STR(person, "Jonas V\xc3\xa5rum Olafsen");
    CHECK_STR(field, "response");
    CHECK_STR(before, "needs_action");
    CHECK_STR(after, "declined");
    roundtable_string_free(person);
    roundtable_string_free(field);
    roundtable_string_free(before);
    roundtable_string_free(after);
    /* The excuse had none before: NULL; parts not wanted may be NULL. */
    CHECK(roundtable_reply_outcome_change_get(o, 1, NULL, &field, &before, NULL) == ROUNDTABLE_OK);
    CHECK_STR(field, "excuse");
    CHECK(before == NULL);
    roundtable_string_free(field);
    CHECK(roundtable_reply_outcome_change_get(o, 2, &person, NULL, NULL, NULL) ==
          ROUNDTABLE_OUT_OF_RANGE);
    CHECK(roundtable_reply_outcome_ignored_len(o, &n) == ROUNDTABLE_OK && n == 0);
    roundtable_reply_outcome_free(o);
    o = NULL;

    /* The same reply again: applied already, nothing changes. */
    CHECK(roundtable_meeting_apply_reply(m, (const uint8_t *)buf, len, &o) == ROUNDTABLE_OK);
    CHECK(roundtable_reply_outcome_change_len(o, &n) == ROUNDTABLE_OK && n == 0);
    CHECK(roundtable_reply_outcome_ignored_get(o, 0, &reply, &code, NULL, NULL) == ROUNDTABLE_OK);
    CHECK_STR(code, "reply.already_applied");
    CHECK(reply == 0);
    roundtable_string_free(code);
    roundtable_reply_outcome_free(o);
    o = NULL;
    free(buf);

    /* A batch: one applied, four not, each with its code and line. */
    for (i = 0; i < 5; i++) {
        bufs[i] = read_file(data(batch_files[i]), &lens[i]);
        CHECK(bufs[i] != NULL);
        datas[i] = (const uint8_t *)bufs[i];
    }
    CHECK(roundtable_meeting_apply_replies(m, datas, lens, 5, &o) == ROUNDTABLE_OK);
    CHECK(roundtable_reply_outcome_change_len(o, &n) == ROUNDTABLE_OK && n == 1);
    CHECK(roundtable_reply_outcome_ignored_len(o, &n) == ROUNDTABLE_OK && n == 4);
    for (i = 0; i < 4 && i < n; i++) {
        CHECK(roundtable_reply_outcome_ignored_get(o, i, &reply, &code, &reason, &line) ==
              ROUNDTABLE_OK);
        CHECK_STR(code, want_codes[i]);
        CHECK(reply == i + 1);
        CHECK(line == want_lines[i]);
        CHECK(reason != NULL && strlen(reason) > 0);
        roundtable_string_free(code);
        roundtable_string_free(reason);
    }
    CHECK(roundtable_reply_outcome_to_json(o, &json) == ROUNDTABLE_OK);
    CHECK(json != NULL && strstr(json, "\"suggestion\":\"trond.haugen@drammen.kommune.no\"") != NULL);
    roundtable_string_free(json);
    roundtable_reply_outcome_free(o);
    o = NULL;

    /* Alone, the malformed reply is an error with its code and line, and
     * the meeting is unchanged. */
    CHECK(roundtable_meeting_apply_reply(m, datas[4], lens[4], &o) == ROUNDTABLE_REPLY_ERROR);
    CHECK(o == NULL);
    code = roundtable_last_error_code();
    CHECK_STR(code, "reply.malformed");
    roundtable_string_free(code);
    code = roundtable_last_error_kind();
    CHECK_STR(code, "reply");
    roundtable_string_free(code);
    CHECK(roundtable_last_error_line() == 8);
    CHECK(last_error_has("PARTSTAT"));
    for (i = 0; i < 5; i++) free(bufs[i]);

    CHECK(roundtable_meeting_response_summary(m, &json) == ROUNDTABLE_OK);
    CHECK(json != NULL && strstr(json, "\"accepted\":1,\"declined\":1") != NULL);
    roundtable_string_free(json);
    CHECK(roundtable_meeting_render_with(m, "agenda", "markdown", "en", ROUNDTABLE_RENDER_RESPONSES,
                                         &text) == ROUNDTABLE_OK);
    CHECK(text != NULL && strstr(text, "**Declined:** 1") != NULL);
    roundtable_string_free(text);
    CHECK(roundtable_meeting_render_with(m, "agenda", "markdown", "en", 2, &text) ==
          ROUNDTABLE_INVALID_ARGUMENT);

    /* NULLs and impossible arguments are statuses, never crashes. */
    CHECK(roundtable_meeting_apply_reply(NULL, datas[0], 1, &o) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_apply_reply(m, NULL, 5, &o) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_apply_reply(m, NULL, 0, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_apply_reply(m, NULL, 0, &o) == ROUNDTABLE_REPLY_ERROR);
    CHECK(roundtable_meeting_apply_replies(m, NULL, lens, 2, &o) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_apply_replies(m, datas, NULL, 2, &o) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_apply_replies(m, NULL, NULL, 0, &o) == ROUNDTABLE_OK);
    CHECK(roundtable_reply_outcome_change_len(o, &n) == ROUNDTABLE_OK && n == 0);
    roundtable_reply_outcome_free(o);
    CHECK(roundtable_reply_outcome_change_len(NULL, &n) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_reply_outcome_ignored_get(NULL, 0, NULL, NULL, NULL, NULL) ==
          ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_response_summary(NULL, &json) == ROUNDTABLE_NULL_ARGUMENT);
    roundtable_reply_outcome_free(NULL);
    roundtable_meeting_free(m);
}


/* The archive's form: the seed's meeting folder is its golden file, the
 * case has a message per record, the files carry their checksums, the
 * archive's checks come only when asked; NULLs and bad names. */
static void test_reply_sender(void) {
    /* One calendar declining for two: it answers for nobody without a
       sender, and for the named one alone with it. */
    static const char cal[] =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
        "UID:osloregionen-naering-2024-11-07@roundtable\r\nDTSTAMP:20241102T081500Z\r\n"
        "ATTENDEE;PARTSTAT=DECLINED:mailto:trond.haugen@drammen.kommune.no\r\n"
        "ATTENDEE;PARTSTAT=DECLINED:mailto:siri.odegard@asker.kommune.no\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n";
    roundtable_meeting *m = NULL;
    roundtable_reply_outcome *o = NULL;
    roundtable_apply_options options = roundtable_apply_options_default();
    char *code = NULL;
    size_t n = 99;

    CHECK(roundtable_meeting_load(data("replies/meeting.json"), &m) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_apply_reply(m, (const uint8_t *)cal, sizeof cal - 1, &o) ==
          ROUNDTABLE_OK);
    CHECK(roundtable_reply_outcome_change_len(o, &n) == ROUNDTABLE_OK && n == 0);
    CHECK(roundtable_reply_outcome_ignored_get(o, 0, NULL, &code, NULL, NULL) == ROUNDTABLE_OK);
    CHECK_STR(code, "reply.several_attendees");
    roundtable_string_free(code);
    roundtable_reply_outcome_free(o);
    o = NULL;

    options.sender = "trond.haugen@drammen.kommune.no";
    CHECK(roundtable_meeting_apply_reply_with(m, (const uint8_t *)cal, sizeof cal - 1, &options,
                                              &o) == ROUNDTABLE_OK);
    CHECK(roundtable_reply_outcome_change_len(o, &n) == ROUNDTABLE_OK && n == 1);
    CHECK(roundtable_reply_outcome_ignored_get(o, 0, NULL, &code, NULL, NULL) == ROUNDTABLE_OK);
    CHECK_STR(code, "reply.not_sender");
    roundtable_string_free(code);
    roundtable_reply_outcome_free(o);
    o = NULL;

    /* A clock before the reply was made: from the future. */
    options.sender = NULL;
    options.now = 1730000000; /* 2024-10-27 */
    CHECK(roundtable_meeting_apply_replies_with(m, NULL, NULL, 0, &options, &o) == ROUNDTABLE_OK);
    roundtable_reply_outcome_free(o);
    o = NULL;
    {
        const uint8_t *datas[1];
        size_t lens[1];
        static const char one[] =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
            "UID:osloregionen-naering-2024-11-07@roundtable\r\nDTSTAMP:20241102T081500Z\r\n"
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:siri.odegard@asker.kommune.no\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n";
        datas[0] = (const uint8_t *)one;
        lens[0] = sizeof one - 1;
        CHECK(roundtable_meeting_apply_replies_with(m, datas, lens, 1, &options, &o) ==
              ROUNDTABLE_OK);
        CHECK(roundtable_reply_outcome_ignored_get(o, 0, NULL, &code, NULL, NULL) ==
              ROUNDTABLE_OK);
        CHECK_STR(code, "reply.future_dtstamp");
        roundtable_string_free(code);
        roundtable_reply_outcome_free(o);
        o = NULL;
    }
    /* A sender that is not UTF-8 is an argument error, not a crash. */
    options.sender = "\xff";
    CHECK(roundtable_meeting_apply_reply_with(m, (const uint8_t *)cal, sizeof cal - 1, &options,
                                              &o) == ROUNDTABLE_INVALID_UTF8);
    CHECK(o == NULL);
    roundtable_meeting_free(m);
}

static void test_archive(void) {
    roundtable_meeting *m = NULL;
    roundtable_archive_package *p = NULL;
    roundtable_report *report = NULL;
    size_t messages = 0, files = 0, len = 0, golden_len = 0, n = 0, i;
    const uint8_t *bytes = NULL;
    char *name = NULL, *sha = NULL, *golden;
    char golden_path[8192];
    int missing_number = 0;

    CHECK(roundtable_meeting_load(data("seed-meeting.json"), &m) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_to_archive(m, "moetemappe", NULL, &p) == ROUNDTABLE_OK);
    CHECK(roundtable_archive_package_len(p, &messages, &files) == ROUNDTABLE_OK);
    CHECK(messages == 1 && files == 6); /* each document as PDF/A and as HTML */
    CHECK(roundtable_archive_package_get(p, true, 0, &name, &bytes, &len, NULL) == ROUNDTABLE_OK);
    CHECK_STR(name, "arkivstruktur.xml");
    roundtable_string_free(name);
    snprintf(golden_path, sizeof golden_path, "%s/../golden/seed-arkivstruktur.xml", data_dir);
    golden = read_file(golden_path, &golden_len);
    CHECK(golden != NULL && golden_len == len && memcmp(golden, bytes, len) == 0);
    free(golden);
    CHECK(roundtable_archive_package_get(p, false, 4, &name, &bytes, &len, &sha) == ROUNDTABLE_OK);
    CHECK_STR(name, "protokoll.pdf");
    CHECK(sha != NULL && strlen(sha) == 64 && len > 8 && memcmp(bytes, "%PDF-1.7", 8) == 0);
    roundtable_string_free(name);
    roundtable_string_free(sha);
    CHECK(roundtable_archive_package_get(p, false, 5, &name, NULL, &len, NULL) == ROUNDTABLE_OK);
    CHECK_STR(name, "protokoll.html");
    roundtable_string_free(name);
    CHECK(roundtable_archive_package_get(p, false, 6, NULL, NULL, NULL, NULL) == ROUNDTABLE_OUT_OF_RANGE);
    roundtable_archive_package_free(p);
    p = NULL;

    CHECK(roundtable_meeting_to_archive(m, "arkivmelding", "Sekretariatet", &p) == ROUNDTABLE_OK);
    CHECK(roundtable_archive_package_len(p, &messages, NULL) == ROUNDTABLE_OK && messages == 7);
    CHECK(roundtable_archive_package_get(p, true, 6, &name, &bytes, &len, NULL) == ROUNDTABLE_OK);
    CHECK_STR(name, "arkivmelding-07-notat.xml");
    roundtable_string_free(name);
    {
        /* The data are bytes with a length, not a C string. */
        char *text = malloc(len + 1);
        memcpy(text, bytes, len);
        text[len] = '\0';
        CHECK(strstr(text, "<opprettetAv>Sekretariatet</opprettetAv>") != NULL);
        free(text);
    }
    roundtable_archive_package_free(p);
    p = NULL;

    CHECK(roundtable_meeting_validate_for_archive(m, 7, false, &report) == ROUNDTABLE_OK);
    CHECK(roundtable_report_len(report, &n) == ROUNDTABLE_OK);
    for (i = 0; i < n; i++) {
        roundtable_finding *f = NULL;
        char *code = NULL;
        roundtable_report_get(report, i, &f);
        roundtable_finding_code(f, &code);
        if (code != NULL && strcmp(code, "archive.missing_number") == 0) missing_number = 1;
        roundtable_string_free(code);
        roundtable_finding_free(f);
    }
    CHECK(missing_number);
    roundtable_report_free(report);

    CHECK(roundtable_meeting_to_archive(m, "noark4", NULL, &p) == ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(last_error_has("moetemappe"));
    CHECK(roundtable_meeting_to_archive(NULL, "moetemappe", NULL, &p) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_to_archive(m, NULL, NULL, &p) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_to_archive(m, "moetemappe", NULL, NULL) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_to_archive(m, "moetemappe", "\xff", &p) == ROUNDTABLE_INVALID_UTF8);
    CHECK(roundtable_archive_package_len(NULL, &messages, &files) == ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_validate_for_archive(NULL, 7, false, &report) == ROUNDTABLE_NULL_ARGUMENT);
    roundtable_archive_package_free(NULL);
    roundtable_meeting_free(m);
}

/* Messages received: a contribution, the same again, a stranger, junk. */
static void test_receive(void) {
    roundtable_meeting *m = NULL;
    CHECK(roundtable_meeting_load(data("inbox/meeting.json"), &m) == ROUNDTABLE_OK);
    size_t len = 0;
    char *mail = read_file(data("inbox/outlook-html.eml"), &len);
    roundtable_receipt *r = NULL;
    CHECK(roundtable_meeting_receive(m, (const uint8_t *)mail, len, NULL, &r) == ROUNDTABLE_OK);
    char *text = NULL;
    CHECK(roundtable_receipt_kind(r, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "contribution");
    roundtable_string_free(text);
    CHECK(roundtable_receipt_to_json(r, &text) == ROUNDTABLE_OK);
    CHECK(text != NULL && strstr(text, "\"from\":\"Asker kommune\"") != NULL);
    roundtable_string_free(text);
    roundtable_receipt_free(r);
    r = NULL;
    /* The same message again: nothing, and why. */
    CHECK(roundtable_meeting_receive(m, (const uint8_t *)mail, len, NULL, &r) == ROUNDTABLE_OK);
    size_t n = 0;
    CHECK(roundtable_receipt_ignored_len(r, &n) == ROUNDTABLE_OK && n == 1);
    char *code = NULL, *reason = NULL, *suggestion = (char *)1;
    CHECK(roundtable_receipt_ignored_get(r, 0, &code, &reason, &suggestion) == ROUNDTABLE_OK);
    CHECK_STR(code, "contribution.duplicate");
    CHECK(reason != NULL && suggestion == NULL);
    roundtable_string_free(code);
    roundtable_string_free(reason);
    /* Past the end: nothing written. */
    code = (char *)1;
    CHECK(roundtable_receipt_ignored_get(r, 5, &code, NULL, NULL) == ROUNDTABLE_OUT_OF_RANGE);
    CHECK(code == (char *)1);
    roundtable_receipt_free(r);
    free(mail);
    /* A stranger, with the address meant. */
    mail = read_file(data("inbox/unknown-sender.eml"), &len);
    CHECK(roundtable_meeting_receive(m, (const uint8_t *)mail, len, NULL, &r) == ROUNDTABLE_OK);
    CHECK(roundtable_receipt_ignored_get(r, 0, &code, NULL, &suggestion) == ROUNDTABLE_OK);
    CHECK_STR(code, "contribution.unknown_sender");
    CHECK_STR(suggestion, "siri.odegard@asker.kommune.no");
    roundtable_string_free(code);
    roundtable_string_free(suggestion);
    roundtable_receipt_free(r);
    free(mail);
    /* No e-mail at all. */
    r = NULL;
    CHECK(roundtable_meeting_receive(m, (const uint8_t *)"\0\1", 2, NULL, &r) == ROUNDTABLE_INBOX_ERROR);
    CHECK(r == NULL);
    code = roundtable_last_error_code();
    CHECK_STR(code, "inbox.malformed");
    roundtable_string_free(code);
    roundtable_meeting_free(m);
}

/* The first problems of each code kept, all counted (issue 28, item 1). */
static void test_problems_kept_per_code(void) {
    char csv[4096] = "Fornavn;Etternavn;E-post\n";
    for (int i = 0; i < 30; i++) {
        char row[64];
        snprintf(row, sizeof row, "Kari%d;Nordmann;kari%d@@example.no\n", i, i);
        strcat(csv, row);
    }
    roundtable_import_options options = roundtable_import_options_default();
    options.max_problems_per_code = 4;
    roundtable_roster *r = NULL;
    CHECK(roundtable_roster_from_csv_bytes((const uint8_t *)csv, strlen(csv), &options, &r) == ROUNDTABLE_OK);
    size_t n = 0;
    CHECK(roundtable_roster_problem_count(r, &n) == ROUNDTABLE_OK && n == 4);
    uint64_t line = 0;
    CHECK(roundtable_roster_problem_line(r, 3, &line) == ROUNDTABLE_OK && line == 5);
    char *text = NULL;
    CHECK(roundtable_roster_import_summary(r, &text) == ROUNDTABLE_OK);
    CHECK_STR(text, "{\"rows_read\":30,\"people\":30,\"skipped\":{},\"problems\":{\"roster.email\":30},\"not_kept\":{\"roster.email\":26}}");
    roundtable_string_free(text);
    roundtable_roster_free(r);
}

static void test_out_parameters_only_on_success(void) {
    /* A METHOD with a NUL byte: the reason quotes it, and a C string cannot
       carry it. The accessor fails whole: `code` is not written (and not
       leaked, which ASan's leak check and valgrind would see). */
    static const char cal[] =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:RE\0PLY\r\nBEGIN:VEVENT\r\n"
        "UID:osloregionen-naering-2024-11-07@roundtable\r\nDTSTAMP:20241102T081500Z\r\n"
        "ATTENDEE;PARTSTAT=DECLINED:mailto:trond.haugen@drammen.kommune.no\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n";
    roundtable_meeting *m = NULL;
    roundtable_reply_outcome *o = NULL;
    char *code = NULL, *reason = NULL;
    size_t reply = 99;
    uint64_t line = 99;

    CHECK(roundtable_meeting_load(data("replies/meeting.json"), &m) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_apply_reply(m, (const uint8_t *)cal, sizeof cal - 1, &o) ==
          ROUNDTABLE_OK);
    CHECK(roundtable_reply_outcome_ignored_get(o, 0, &reply, &code, &reason, &line) ==
          ROUNDTABLE_NUL_IN_TEXT);
    CHECK(code == NULL && reason == NULL && reply == 99 && line == 99);
    /* Without the reason it succeeds, and writes all it was asked. */
    CHECK(roundtable_reply_outcome_ignored_get(o, 0, &reply, &code, NULL, &line) == ROUNDTABLE_OK);
    CHECK_STR(code, "reply.not_a_reply");
    CHECK(reply == 0);
    roundtable_string_free(code);
    roundtable_reply_outcome_free(o);
    roundtable_meeting_free(m);
}

static void test_pdf(void) {
    roundtable_meeting *m = NULL;
    roundtable_report *warnings = NULL;
    uint8_t *a = NULL, *b = NULL;
    size_t a_len = 0, b_len = 0, n = 99;
    CHECK(roundtable_meeting_load(data("seed-meeting.json"), &m) == ROUNDTABLE_OK);
    CHECK(roundtable_meeting_render_pdf(m, "minutes", "nb", &a, &a_len) == ROUNDTABLE_OK);
    CHECK(a != NULL && a_len > 10000 && memcmp(a, "%PDF-1.7", 8) == 0);
    /* The same meeting, the same bytes; with the warnings asked for. */
    CHECK(roundtable_meeting_render_pdf_with(m, "minutes", "nb", 0, &b, &b_len, &warnings) ==
          ROUNDTABLE_OK);
    CHECK(b_len == a_len && memcmp(a, b, a_len) == 0);
    CHECK(roundtable_report_len(warnings, &n) == ROUNDTABLE_OK && n == 0);
    roundtable_report_free(warnings);
    roundtable_bytes_free(a, a_len);
    roundtable_bytes_free(b, b_len);
    roundtable_bytes_free(NULL, 0);
    CHECK(roundtable_meeting_render_pdf_with(m, "notice", "en", ROUNDTABLE_RENDER_RESPONSES, &a,
                                             &a_len, NULL) == ROUNDTABLE_OK);
    roundtable_bytes_free(a, a_len);
    a = NULL;
    CHECK(roundtable_meeting_render_pdf(m, "letter", "nb", &a, &a_len) ==
          ROUNDTABLE_INVALID_ARGUMENT);
    CHECK(a == NULL);
    CHECK(roundtable_meeting_render_pdf(m, "minutes", "nb", NULL, &a_len) ==
          ROUNDTABLE_NULL_ARGUMENT);
    CHECK(roundtable_meeting_render_pdf(NULL, "minutes", "nb", &a, &a_len) ==
          ROUNDTABLE_NULL_ARGUMENT);
    CHECK(ROUNDTABLE_MAX_PDF_PAGES == 5000);
    roundtable_meeting_free(m);

    /* A character no bundled font has: rendered, and reported with its code
       and the field it came from. The seed's body gets an emoji. */
    {
        size_t seed_len = 0, n_warnings = 0;
        char *seed = read_file(data("seed-meeting.json"), &seed_len);
        const char *name = "Osloregionens faggruppe for N\xc3\xa6ringssamarbeid\"";
        const char *emoji = " \xf0\x9f\x98\x80";
        char *at = seed ? strstr(seed, name) : NULL;
        char *edited = NULL;
        roundtable_finding *finding = NULL;
        char *code = NULL, *path = NULL;
        CHECK(at != NULL);
        if (at != NULL) {
            size_t head = (size_t)(at - seed) + strlen(name) - 1;
            edited = malloc(seed_len + strlen(emoji) + 1);
            memcpy(edited, seed, head);
            memcpy(edited + head, emoji, strlen(emoji));
            memcpy(edited + head + strlen(emoji), seed + head, seed_len - head);
            edited[seed_len + strlen(emoji)] = '\0';
            CHECK(roundtable_meeting_from_json(edited, strlen(edited), &m) == ROUNDTABLE_OK);
            CHECK(roundtable_meeting_render_pdf_with(m, "agenda", "nb", 0, &a, &a_len, &warnings) ==
                  ROUNDTABLE_OK);
            CHECK(roundtable_report_len(warnings, &n_warnings) == ROUNDTABLE_OK && n_warnings == 1);
            CHECK(roundtable_report_get(warnings, 0, &finding) == ROUNDTABLE_OK);
            CHECK(roundtable_finding_code(finding, &code) == ROUNDTABLE_OK);
            CHECK_STR(code, "render.missing_glyph");
            CHECK(roundtable_finding_path(finding, &path) == ROUNDTABLE_OK);
            CHECK_STR(path, "document");
            roundtable_string_free(code);
            roundtable_string_free(path);
            roundtable_finding_free(finding);
            roundtable_report_free(warnings);
            roundtable_bytes_free(a, a_len);
            roundtable_meeting_free(m);
        }
        free(edited);
        free(seed);
    }
}

int main(int argc, char **argv) {
    const char *version = roundtable_version();
    if (argc < 2) {
        fprintf(stderr, "usage: %s <tests/data directory>\n", argv[0]);
        return 2;
    }
    snprintf(data_dir, sizeof data_dir, "%s", argv[1]);
    CHECK(version != NULL && strcmp(version, ROUNDTABLE_VERSION) == 0);
    {
        /* The three number macros say the same as the string. */
        char parts[64];
        snprintf(parts, sizeof parts, "%d.%d.%d", ROUNDTABLE_VERSION_MAJOR, ROUNDTABLE_VERSION_MINOR,
                 ROUNDTABLE_VERSION_PATCH);
        CHECK(strcmp(parts, ROUNDTABLE_VERSION) == 0);
    }
    CHECK(roundtable_last_error() == NULL);
    test_seed_meeting();
    test_null_arguments();
    test_bad_input();
    test_calendar();
    test_documents();
    test_plan();
    test_nul_and_codes();
    test_replies();
    test_reply_sender();
    test_out_parameters_only_on_success();
    test_problems_kept_per_code();
    test_receive();
    test_archive();
    test_pdf();
    return check_summary();
}
