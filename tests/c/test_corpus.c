/* The C runner of the shared corpus (the JSON files of tests/corpus), through the
 * header only: the same cases as the Rust and Python runners. Run as:
 * test_corpus <tests/corpus directory>. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable.h"
#include "json_mini.h"

static const char *corpus;
static char why[4096];

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (f == NULL) return NULL;
    do {
        if (n == cap) {
            char *bigger = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (bigger == NULL) break;
            buf = bigger;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    if (buf != NULL) {
        char *fit = realloc(buf, n + 1);
        if (fit != NULL) buf = fit;
        if (n < cap || fit != NULL) buf[n] = '\0';
    }
    *len = n;
    return buf;
}

static char *in_corpus(const char *file) {
    size_t n = strlen(corpus) + strlen(file) + 2;
    char *path = malloc(n);
    if (path != NULL) snprintf(path, n, "%s/%s", corpus, file);
    return path;
}

static int same(const char *a, const char *b) {
    if (a == NULL || b == NULL) return a == b;
    return strcmp(a, b) == 0;
}

/* A string or null node as a C string (NULL for null or absent). */
static const char *jstr(const jnode *n) {
    return n != NULL && n->type == J_STR ? n->str : NULL;
}

static long jnum(const jnode *n) {
    return n != NULL && n->type == J_NUM ? (long)n->num : 0;
}

static int check_error(const jnode *want) {
    char *kind = roundtable_last_error_kind();
    char *path = roundtable_last_error_path();
    char *code = roundtable_last_error_code();
    char *message = roundtable_last_error();
    long line = (long)roundtable_last_error_line();
    long column = (long)roundtable_last_error_column();
    int ok = same(kind, jstr(jget(want, "kind"))) && line == jnum(jget(want, "line")) &&
             column == jnum(jget(want, "column"));
    if (jget(want, "path") != NULL) ok = ok && same(path, jstr(jget(want, "path")));
    if (jget(want, "code") != NULL) ok = ok && same(code, jstr(jget(want, "code")));
    if (!ok) {
        snprintf(why, sizeof why, "error differs: got kind %s line %ld column %ld path %s code %s (%s)",
                 kind ? kind : "-", line, column, path ? path : "-", code ? code : "-",
                 message ? message : "-");
    }
    roundtable_string_free(kind);
    roundtable_string_free(path);
    roundtable_string_free(code);
    roundtable_string_free(message);
    return ok;
}

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The meeting of a case: inline ("meeting") or from a file
 * ("meeting_file", relative to the corpus). */
static roundtable_status case_meeting(const jnode *c, roundtable_meeting **m) {
    const jnode *inline_json = jget(c, "meeting");
    roundtable_status status;
    char *path;
    if (inline_json != NULL) return roundtable_meeting_from_json(inline_json->start, inline_json->len, m);
    path = in_corpus(jstr(jget(c, "meeting_file")));
    status = roundtable_meeting_load(path, m);
    free(path);
    return status;
}

static int run_validate(const jnode *c) {
    const jnode *expect = jget(jget(c, "expect"), "findings");
    const jnode *days = jget(jget(c, "options"), "min_notice_days");
    const jnode *quorum = jget(jget(c, "options"), "quorum");
    const jnode *archive = jget(jget(c, "options"), "archive");
    roundtable_meeting *m = NULL;
    roundtable_report *report = NULL;
    roundtable_status status;
    size_t n = 0, i;
    char **got, **want;
    int ok = 1;
    status = case_meeting(c, &m);
    if (status != ROUNDTABLE_OK) {
        snprintf(why, sizeof why, "the meeting does not load (status %u)", (unsigned)status);
        return 0;
    }
    if (archive != NULL && archive->type == J_BOOL && archive->boolean) {
        status = roundtable_meeting_validate_for_archive(m, days != NULL ? (uint32_t)days->num : 7, quorum != NULL && quorum->type == J_BOOL && quorum->boolean, &report);
    } else {
        status = roundtable_meeting_validate_quorum(m, days != NULL ? (uint32_t)days->num : 7, quorum != NULL && quorum->type == J_BOOL && quorum->boolean, &report);
    }
    if (status != ROUNDTABLE_OK || roundtable_report_len(report, &n) != ROUNDTABLE_OK) {
        roundtable_meeting_free(m);
        snprintf(why, sizeof why, "validation failed");
        return 0;
    }
    got = calloc(n + 1, sizeof *got);
    want = calloc(expect->count + 1, sizeof *want);
    for (i = 0; i < n; i++) {
        roundtable_finding *f = NULL;
        char *code = NULL, *path = NULL;
        roundtable_severity severity = 0;
        roundtable_report_get(report, i, &f);
        roundtable_finding_code(f, &code);
        roundtable_finding_path(f, &path);
        roundtable_finding_severity(f, &severity);
        got[i] = malloc(strlen(code) + strlen(path) + 16);
        sprintf(got[i], "%s|%s|%s", code, severity == ROUNDTABLE_ERROR ? "error" : "warning", path);
        roundtable_string_free(code);
        roundtable_string_free(path);
        roundtable_finding_free(f);
    }
    for (i = 0; i < expect->count; i++) {
        const jnode *w = expect->items[i];
        want[i] = malloc(w->items[0]->str_len + w->items[2]->str_len + 16);
        sprintf(want[i], "%s|%s|%s", w->items[0]->str, w->items[1]->str, w->items[2]->str);
    }
    qsort(got, n, sizeof *got, compare_strings);
    qsort(want, expect->count, sizeof *want, compare_strings);
    if (n != expect->count) {
        ok = 0;
        snprintf(why, sizeof why, "%zu findings, want %zu (first: %s)", n, expect->count, n ? got[0] : "-");
    }
    for (i = 0; ok && i < n; i++) {
        if (strcmp(got[i], want[i]) != 0) {
            ok = 0;
            snprintf(why, sizeof why, "finding %s, want %s", got[i], want[i]);
        }
    }
    for (i = 0; i < n; i++) free(got[i]);
    for (i = 0; i < expect->count; i++) free(want[i]);
    free(got);
    free(want);
    roundtable_report_free(report);
    roundtable_meeting_free(m);
    return ok;
}

static int run_load(const jnode *c) {
    const jnode *input = jget(c, "input");
    roundtable_meeting *m = NULL;
    if (roundtable_meeting_from_json(input->str, input->str_len, &m) == ROUNDTABLE_OK) {
        roundtable_meeting_free(m);
        snprintf(why, sizeof why, "the document loaded");
        return 0;
    }
    return check_error(jget(jget(c, "expect"), "error"));
}

/* Whether two JSON values are equal (objects whatever their key order). */
static int jequal(const jnode *a, const jnode *b) {
    size_t i;
    if (a == NULL || b == NULL || a->type != b->type) return a == b;
    switch (a->type) {
    case J_NUM: return a->num == b->num;
    case J_STR: return same(a->str, b->str);
    case J_ARR:
        if (a->count != b->count) return 0;
        for (i = 0; i < a->count; i++) if (!jequal(a->items[i], b->items[i])) return 0;
        return 1;
    case J_OBJ:
        if (a->count != b->count) return 0;
        for (i = 0; i < a->count; i++) if (!jequal(a->items[i], jget(b, a->keys[i]))) return 0;
        return 1;
    default: return a->len == b->len && strncmp(a->start, b->start, a->len) == 0;
    }
}

static int field_is(const roundtable_person *p, const char *name, const char *want, size_t index) {
    char *value = NULL;
    int ok;
    roundtable_person_field(p, name, &value);
    ok = same(value, want);
    if (!ok) {
        snprintf(why, sizeof why, "person %zu: %s is \"%s\", want \"%s\"", index, name,
                 value ? value : "(null)", want ? want : "(null)");
    }
    roundtable_string_free(value);
    return ok;
}

static int person_is(const roundtable_roster *r, size_t index, const jnode *want) {
    static const char *fields[] = {"given_name", "family_name", "organisation", "email", "phone", "role", "attendance"};
    static const char *later[] = {"title", "substitute_for", "excuse"};
    roundtable_person *p = NULL;
    const jnode *extra = jget(want, "extra");
    size_t i, count = 0;
    int ok = 1;
    if (roundtable_roster_get(r, index, &p) != ROUNDTABLE_OK) {
        snprintf(why, sizeof why, "no person %zu", index);
        return 0;
    }
    for (i = 0; ok && i < sizeof fields / sizeof fields[0]; i++) {
        ok = field_is(p, fields[i], jstr(jget(want, fields[i])), index);
    }
    /* The later fields are listed in a case only when set. */
    for (i = 0; ok && i < sizeof later / sizeof later[0]; i++) {
        ok = field_is(p, later[i], jstr(jget(want, later[i])), index);
    }
    if (ok) {
        const char *response = jstr(jget(want, "response"));
        ok = field_is(p, "response", response ? response : "needs_action", index);
    }
    roundtable_person_extra_count(p, &count);
    if (ok && count != (extra ? extra->count : 0)) {
        ok = 0;
        snprintf(why, sizeof why, "person %zu has %zu extras, want %zu", index, count, extra ? extra->count : 0);
    }
    for (i = 0; ok && extra != NULL && i < extra->count; i++) {
        ok = field_is(p, extra->keys[i], extra->items[i]->str, index);
    }
    roundtable_person_free(p);
    return ok;
}

static int run_import(const jnode *c) {
    const jnode *expect = jget(c, "expect");
    const jnode *options = jget(c, "options");
    const jnode *input = jget(c, "input");
    roundtable_import_options opts = roundtable_import_options_default();
    roundtable_roster *r = NULL;
    roundtable_status status;
    char *owned = NULL;
    const char *bytes;
    size_t len = 0, n = 0, i;
    int ok = 1;
    const jnode *want;
    if (input != NULL) {
        bytes = input->str;
        len = input->str_len;
    } else {
        char *path = in_corpus(jstr(jget(c, "input_file")));
        bytes = owned = read_all(path, &len);
        free(path);
    }
    if (jget(options, "strict") != NULL) opts.strict = jget(options, "strict")->boolean != 0;
    opts.encoding = jstr(jget(options, "encoding"));
    if (jstr(jget(options, "delimiter")) != NULL) opts.delimiter = (uint8_t)jstr(jget(options, "delimiter"))[0];
    status = roundtable_roster_from_csv_bytes((const uint8_t *)bytes, len, &opts, &r);
    free(owned);
    if (jget(expect, "error") != NULL) {
        if (status == ROUNDTABLE_OK) {
            roundtable_roster_free(r);
            snprintf(why, sizeof why, "the import succeeded");
            return 0;
        }
        return check_error(jget(expect, "error"));
    }
    if (status != ROUNDTABLE_OK) {
        char *message = roundtable_last_error();
        snprintf(why, sizeof why, "the import failed: %s", message ? message : "-");
        roundtable_string_free(message);
        return 0;
    }
    roundtable_roster_len(r, &n);
    if ((want = jget(expect, "count")) != NULL && n != (size_t)want->num) {
        ok = 0;
        snprintf(why, sizeof why, "%zu people, want %ld", n, (long)want->num);
    }
    if (ok && (want = jget(expect, "encoding")) != NULL) {
        char *encoding = NULL;
        roundtable_roster_encoding(r, &encoding);
        ok = same(encoding, want->str);
        if (!ok) snprintf(why, sizeof why, "encoding %s, want %s", encoding ? encoding : "-", want->str);
        roundtable_string_free(encoding);
    }
    if (ok && (want = jget(expect, "delimiter")) != NULL) {
        uint8_t delimiter = 0;
        roundtable_roster_delimiter(r, &delimiter);
        ok = delimiter == (uint8_t)want->str[0];
        if (!ok) snprintf(why, sizeof why, "delimiter %d, want %d", delimiter, want->str[0]);
    }
    if (ok && (want = jget(expect, "people")) != NULL) {
        if (n != want->count) {
            ok = 0;
            snprintf(why, sizeof why, "%zu people, want %zu", n, want->count);
        }
        for (i = 0; ok && i < want->count; i++) ok = person_is(r, i, want->items[i]);
    }
    if (ok && (want = jget(expect, "people_at")) != NULL) {
        for (i = 0; ok && i < want->count; i++) ok = person_is(r, (size_t)strtoul(want->keys[i], NULL, 10), want->items[i]);
    }
    if (ok && (want = jget(expect, "problems")) != NULL) {
        size_t count = 0;
        roundtable_roster_problem_count(r, &count);
        if (count != want->count) {
            ok = 0;
            snprintf(why, sizeof why, "%zu problems, want %zu", count, want->count);
        }
        for (i = 0; ok && i < count; i++) {
            uint64_t line = 0, column = 0;
            char *code = NULL;
            const jnode *w = want->items[i];
            roundtable_roster_problem_line(r, i, &line);
            roundtable_roster_problem_column(r, i, &column);
            roundtable_roster_problem_code(r, i, &code);
            ok = (long)line == jnum(w->items[0]) && (long)column == jnum(w->items[1]) && same(code, w->items[2]->str);
            if (!ok) {
                snprintf(why, sizeof why, "problem %zu: %lu %lu %s, want %ld %ld %s", i, (unsigned long)line,
                         (unsigned long)column, code ? code : "-", jnum(w->items[0]), jnum(w->items[1]), w->items[2]->str);
            }
            roundtable_string_free(code);
        }
    }
    if (ok && (want = jget(expect, "summary")) != NULL) {
        char *text = NULL;
        jnode *got = NULL;
        roundtable_roster_import_summary(r, &text);
        if (text != NULL) got = jparse(text, strlen(text));
        ok = jequal(got, want);
        if (!ok) snprintf(why, sizeof why, "summary %s, want %.*s", text ? text : "(null)", (int)want->len, want->start);
        jfree(got);
        roundtable_string_free(text);
    }
    roundtable_roster_free(r);
    return ok;
}


/* An "inbox" case: each message received in turn; what each became (its
 * kind, the codes not applied, the contribution's "from") and the number of
 * contributions compared. The receipt is read through its JSON, as a C
 * caller that wants all of it would. */
static int run_inbox(const jnode *c) {
    const jnode *expect = jget(c, "expect");
    const jnode *files = jget(c, "message_files");
    const jnode *want = jget(expect, "receipts");
    roundtable_meeting *m = NULL;
    size_t i;
    int ok = 1;
    if (case_meeting(c, &m) != ROUNDTABLE_OK || files == NULL || want == NULL || want->count != files->count) {
        snprintf(why, sizeof why, "the meeting does not load, or the case is malformed");
        roundtable_meeting_free(m);
        return 0;
    }
    for (i = 0; ok && i < files->count; i++) {
        const jnode *w = want->items[i];
        char *path = in_corpus(files->items[i]->str);
        size_t len = 0;
        char *bytes = read_all(path, &len);
        roundtable_receipt *r = NULL;
        roundtable_status status = roundtable_meeting_receive(m, (const uint8_t *)bytes, len, NULL, &r);
        if (status != ROUNDTABLE_OK) {
            char *code = roundtable_last_error_code();
            ok = same(jstr(w->items[0]), "error") && w->items[1]->count == 1 &&
                 same(code, jstr(w->items[1]->items[0]));
            if (!ok) snprintf(why, sizeof why, "message %zu: status %u, code %s", i, (unsigned)status, code ? code : "-");
            roundtable_string_free(code);
        } else {
            char *kind = NULL, *text = NULL;
            size_t n = 0, k;
            jnode *got;
            const jnode *contribution, *after, *from;
            roundtable_receipt_kind(r, &kind);
            roundtable_receipt_ignored_len(r, &n);
            ok = same(kind, jstr(w->items[0])) && n == w->items[1]->count;
            for (k = 0; ok && k < n; k++) {
                char *code = NULL;
                roundtable_receipt_ignored_get(r, k, &code, NULL, NULL);
                ok = same(code, jstr(w->items[1]->items[k]));
                roundtable_string_free(code);
            }
            roundtable_receipt_to_json(r, &text);
            got = text ? jparse(text, strlen(text)) : NULL;
            contribution = jget(got, "contribution");
            after = contribution && contribution->type == J_OBJ ? jget(contribution, "after") : NULL;
            from = after ? jget(after, "from") : NULL;
            if (ok) ok = w->items[2]->type == J_NULL ? from == NULL : from != NULL && same(from->str, w->items[2]->str);
            if (!ok) snprintf(why, sizeof why, "message %zu: %s, %zu not applied, from %s", i, kind ? kind : "-", n, from ? from->str : "-");
            jfree(got);
            roundtable_string_free(text);
            roundtable_string_free(kind);
        }
        roundtable_receipt_free(r);
        free(bytes);
        free(path);
    }
    if (ok) {
        char *text = NULL;
        jnode *doc;
        const jnode *contributions;
        size_t count;
        roundtable_meeting_to_json(m, &text);
        doc = text ? jparse(text, strlen(text)) : NULL;
        contributions = jget(doc, "contributions");
        count = contributions ? contributions->count : 0;
        ok = (long)count == jnum(jget(expect, "contributions"));
        if (!ok) snprintf(why, sizeof why, "%zu contributions", count);
        jfree(doc);
        roundtable_string_free(text);
    }
    roundtable_meeting_free(m);
    return ok;
}

/* A "reply" case: the replies applied as one batch; the changes, what was
 * not applied and the response summary compared in order. */
static int run_reply(const jnode *c) {
    const jnode *expect = jget(c, "expect");
    const jnode *files = jget(c, "reply_files");
    const jnode *want_changes = jget(expect, "changes");
    const jnode *want_ignored = jget(expect, "ignored");
    roundtable_meeting *m = NULL;
    roundtable_reply_outcome *o = NULL;
    roundtable_status status;
    const uint8_t **datas;
    size_t *lens, n = 0, i;
    char **bufs;
    char *summary = NULL;
    jnode *got_summary = NULL;
    int ok = 1;
    status = case_meeting(c, &m);
    if (status != ROUNDTABLE_OK || files == NULL) {
        snprintf(why, sizeof why, "the meeting does not load (status %u)", (unsigned)status);
        return 0;
    }
    datas = calloc(files->count + 1, sizeof *datas);
    lens = calloc(files->count + 1, sizeof *lens);
    bufs = calloc(files->count + 1, sizeof *bufs);
    for (i = 0; i < files->count; i++) {
        char *path = in_corpus(files->items[i]->str);
        bufs[i] = read_all(path, &lens[i]);
        datas[i] = (const uint8_t *)bufs[i];
        free(path);
    }
    {
        /* The caller's options: the sender it vouches for, whether it
         * trusts mail its server found unauthenticated. */
        const jnode *options = jget(c, "options");
        const jnode *trust = jget(options, "trust_unauthenticated");
        roundtable_apply_options apply = roundtable_apply_options_default();
        apply.sender = jstr(jget(options, "sender"));
        apply.trust_unauthenticated = trust != NULL && trust->type == J_BOOL && trust->boolean;
        status = roundtable_meeting_apply_replies_with(m, datas, lens, files->count, &apply, &o);
    }
    if (status != ROUNDTABLE_OK) {
        ok = 0;
        snprintf(why, sizeof why, "apply_replies failed (status %u)", (unsigned)status);
    }
    if (ok && (roundtable_reply_outcome_change_len(o, &n) != ROUNDTABLE_OK || n != want_changes->count)) {
        ok = 0;
        snprintf(why, sizeof why, "%zu changes, want %zu", n, want_changes->count);
    }
    for (i = 0; ok && i < n; i++) {
        const jnode *w = want_changes->items[i];
        char *person = NULL, *field = NULL, *before = NULL, *after = NULL;
        roundtable_reply_outcome_change_get(o, i, &person, &field, &before, &after);
        ok = same(person, jstr(w->items[0])) && same(field, jstr(w->items[1])) &&
             same(before, jstr(w->items[2])) && same(after, jstr(w->items[3]));
        if (!ok) {
            snprintf(why, sizeof why, "change %zu is %s %s %s -> %s", i, person ? person : "-",
                     field ? field : "-", before ? before : "(none)", after ? after : "(none)");
        }
        roundtable_string_free(person);
        roundtable_string_free(field);
        roundtable_string_free(before);
        roundtable_string_free(after);
    }
    if (ok && (roundtable_reply_outcome_ignored_len(o, &n) != ROUNDTABLE_OK || n != want_ignored->count)) {
        ok = 0;
        snprintf(why, sizeof why, "%zu ignored, want %zu", n, want_ignored->count);
    }
    for (i = 0; ok && i < n; i++) {
        const jnode *w = want_ignored->items[i];
        char *code = NULL;
        size_t reply = 0;
        uint64_t line = 0;
        roundtable_reply_outcome_ignored_get(o, i, &reply, &code, NULL, &line);
        ok = (long)reply == jnum(w->items[0]) && same(code, jstr(w->items[1])) &&
             (long)line == jnum(w->items[2]);
        if (!ok) {
            snprintf(why, sizeof why, "ignored %zu is reply %zu %s line %lu", i, reply,
                     code ? code : "-", (unsigned long)line);
        }
        roundtable_string_free(code);
    }
    if (ok) {
        /* The warnings (a reply applied and worth a word), read through
         * the outcome's JSON: absent there when there are none. */
        const jnode *want_warnings = jget(expect, "warnings");
        char *text = NULL;
        jnode *got;
        const jnode *warnings;
        size_t count, want_count = want_warnings ? want_warnings->count : 0;
        roundtable_reply_outcome_to_json(o, &text);
        got = text ? jparse(text, strlen(text)) : NULL;
        warnings = jget(got, "warnings");
        count = warnings ? warnings->count : 0;
        ok = count == want_count;
        for (i = 0; ok && i < count; i++) {
            const jnode *g = warnings->items[i], *w = want_warnings->items[i];
            ok = jnum(jget(g, "reply")) == jnum(w->items[0]) && same(jstr(jget(g, "code")), jstr(w->items[1])) &&
                 jnum(jget(g, "line")) == jnum(w->items[2]);
        }
        if (!ok) snprintf(why, sizeof why, "warnings %s", text ? text : "(none)");
        jfree(got);
        roundtable_string_free(text);
    }
    if (ok && roundtable_meeting_response_summary(m, &summary) == ROUNDTABLE_OK) {
        got_summary = jparse(summary, strlen(summary));
        if (!jequal(got_summary, jget(expect, "summary"))) {
            ok = 0;
            snprintf(why, sizeof why, "summary %s", summary);
        }
    }
    jfree(got_summary);
    roundtable_string_free(summary);
    for (i = 0; i < files->count; i++) free(bufs[i]);
    free(bufs);
    free(datas);
    free(lens);
    roundtable_reply_outcome_free(o);
    roundtable_meeting_free(m);
    return ok;
}

int main(int argc, char **argv) {
    DIR *dir;
    struct dirent *entry;
    char **names = NULL;
    size_t count = 0, i;
    int passed = 0, failed = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s <tests/corpus directory>\n", argv[0]);
        return 2;
    }
    corpus = argv[1];
    dir = opendir(corpus);
    if (dir == NULL) {
        perror(corpus);
        return 2;
    }
    while ((entry = readdir(dir)) != NULL) {
        size_t len = strlen(entry->d_name);
        if (len > 5 && strcmp(entry->d_name + len - 5, ".json") == 0) {
            char **more = realloc(names, (count + 1) * sizeof *names);
            if (more == NULL) break;
            names = more;
            names[count++] = strdup(entry->d_name);
        }
    }
    closedir(dir);
    qsort(names, count, sizeof *names, compare_strings);
    for (i = 0; i < count; i++) {
        char *path = in_corpus(names[i]);
        size_t len = 0;
        char *text = read_all(path, &len);
        jnode *c = text ? jparse(text, len) : NULL;
        const char *kind = jstr(jget(c, "kind"));
        int ok;
        why[0] = '\0';
        if (c == NULL) {
            ok = 0;
            snprintf(why, sizeof why, "the case file does not parse");
        } else if (same(kind, "validate")) {
            ok = run_validate(c);
        } else if (same(kind, "load")) {
            ok = run_load(c);
        } else if (same(kind, "import")) {
            ok = run_import(c);
        } else if (same(kind, "reply")) {
            ok = run_reply(c);
        } else if (same(kind, "inbox")) {
            ok = run_inbox(c);
        } else {
            ok = 0;
            snprintf(why, sizeof why, "unknown case kind %s", kind ? kind : "-");
        }
        if (ok) {
            passed++;
        } else {
            failed++;
            fprintf(stderr, "case %s: %s\n", names[i], why);
        }
        jfree(c);
        free(text);
        free(path);
        free(names[i]);
    }
    free(names);
    if (count < 60) {
        fprintf(stderr, "the corpus has only %zu cases\n", count);
        failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
