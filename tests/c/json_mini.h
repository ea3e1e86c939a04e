/* A small JSON reader for the C corpus runner: a tree of nodes, each with
 * its raw span in the text (to hand a sub-document to the library as it
 * is) and, for strings, the unescaped UTF-8. Enough for the corpus files;
 * not a general-purpose parser. */
#ifndef ROUNDTABLE_JSON_MINI_H
#define ROUNDTABLE_JSON_MINI_H

#include <stdlib.h>
#include <string.h>

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype;

typedef struct jnode {
    jtype type;
    const char *start; /* raw span in the source text */
    size_t len;
    double num;
    int boolean;
    char *str;        /* J_STR: unescaped, NUL-terminated */
    size_t str_len;   /* its length in bytes (may hold NUL) */
    struct jnode **items;
    char **keys;      /* J_OBJ: keys, unescaped */
    size_t count;
} jnode;

typedef struct {
    const char *p;
    const char *end;
    int failed;
} jparser;

static void jskip(jparser *ps) {
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t')) ps->p++;
}

static jnode *jnew(jtype type, const char *start) {
    jnode *n = calloc(1, sizeof *n);
    if (n != NULL) {
        n->type = type;
        n->start = start;
    }
    return n;
}

static void jput_utf8(char *out, size_t *len, unsigned long cp) {
    if (cp < 0x80) {
        out[(*len)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*len)++] = (char)(0xC0 | (cp >> 6));
        out[(*len)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[(*len)++] = (char)(0xE0 | (cp >> 12));
        out[(*len)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*len)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[(*len)++] = (char)(0xF0 | (cp >> 18));
        out[(*len)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[(*len)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*len)++] = (char)(0x80 | (cp & 0x3F));
    }
}

static unsigned long jhex4(jparser *ps) {
    unsigned long v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        char c;
        if (ps->p >= ps->end) {
            ps->failed = 1;
            return 0;
        }
        c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned long)(c - 'A' + 10);
        else ps->failed = 1;
    }
    return v;
}

/* Reads a string at ps->p (on the opening quote). */
static char *jstring(jparser *ps, size_t *out_len) {
    char *out = malloc((size_t)(ps->end - ps->p) + 1);
    size_t len = 0;
    if (out == NULL) {
        ps->failed = 1;
        return NULL;
    }
    ps->p++;
    while (ps->p < ps->end && *ps->p != '"') {
        char c = *ps->p++;
        if (c != '\\') {
            out[len++] = c;
            continue;
        }
        if (ps->p >= ps->end) break;
        c = *ps->p++;
        switch (c) {
        case 'n': out[len++] = '\n'; break;
        case 'r': out[len++] = '\r'; break;
        case 't': out[len++] = '\t'; break;
        case 'b': out[len++] = '\b'; break;
        case 'f': out[len++] = '\f'; break;
        case 'u': {
            unsigned long cp = jhex4(ps);
            if (cp >= 0xD800 && cp < 0xDC00 && ps->p + 1 < ps->end && ps->p[0] == '\\' && ps->p[1] == 'u') {
                unsigned long low;
                ps->p += 2;
                low = jhex4(ps);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            jput_utf8(out, &len, cp);
            break;
        }
        default: out[len++] = c; break;
        }
    }
    if (ps->p >= ps->end) ps->failed = 1;
    else ps->p++;
    out[len] = '\0';
    *out_len = len;
    return out;
}

static jnode *jvalue(jparser *ps);

static void jappend(jnode *n, jnode *item, char *key) {
    jnode **items = realloc(n->items, (n->count + 1) * sizeof *items);
    char **keys = realloc(n->keys, (n->count + 1) * sizeof *keys);
    if (items != NULL) n->items = items;
    if (keys != NULL) n->keys = keys;
    if (items == NULL || keys == NULL) return;
    n->items[n->count] = item;
    n->keys[n->count] = key;
    n->count++;
}

static jnode *jvalue(jparser *ps) {
    jnode *n = NULL;
    jskip(ps);
    if (ps->p >= ps->end) {
        ps->failed = 1;
        return NULL;
    }
    if (*ps->p == '{' || *ps->p == '[') {
        int object = *ps->p == '{';
        n = jnew(object ? J_OBJ : J_ARR, ps->p);
        ps->p++;
        jskip(ps);
        if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
            ps->p++;
        } else {
            for (;;) {
                char *key = NULL;
                jnode *item;
                size_t key_len;
                jskip(ps);
                if (object) {
                    key = jstring(ps, &key_len);
                    jskip(ps);
                    if (ps->p < ps->end && *ps->p == ':') ps->p++;
                    else ps->failed = 1;
                }
                item = jvalue(ps);
                if (n != NULL) jappend(n, item, key);
                jskip(ps);
                if (ps->failed || ps->p >= ps->end) {
                    ps->failed = 1;
                    break;
                }
                if (*ps->p == ',') {
                    ps->p++;
                    continue;
                }
                if (*ps->p == (object ? '}' : ']')) {
                    ps->p++;
                    break;
                }
                ps->failed = 1;
                break;
            }
        }
    } else if (*ps->p == '"') {
        n = jnew(J_STR, ps->p);
        if (n != NULL) n->str = jstring(ps, &n->str_len);
    } else if (strncmp(ps->p, "true", 4) == 0 || strncmp(ps->p, "false", 5) == 0) {
        n = jnew(J_BOOL, ps->p);
        if (n != NULL) n->boolean = *ps->p == 't';
        ps->p += *ps->p == 't' ? 4 : 5;
    } else if (strncmp(ps->p, "null", 4) == 0) {
        n = jnew(J_NULL, ps->p);
        ps->p += 4;
    } else {
        char *after;
        n = jnew(J_NUM, ps->p);
        if (n != NULL) n->num = strtod(ps->p, &after);
        else after = (char *)ps->p + 1;
        if (after == ps->p) ps->failed = 1;
        ps->p = after;
    }
    if (n != NULL) n->len = (size_t)(ps->p - n->start);
    return n;
}

static void jfree(jnode *n) {
    size_t i;
    if (n == NULL) return;
    for (i = 0; i < n->count; i++) {
        jfree(n->items[i]);
        if (n->keys != NULL) free(n->keys[i]);
    }
    free(n->items);
    free(n->keys);
    free(n->str);
    free(n);
}

static jnode *jparse(const char *text, size_t len) {
    jparser ps;
    jnode *n;
    ps.p = text;
    ps.end = text + len;
    ps.failed = 0;
    n = jvalue(&ps);
    if (ps.failed) {
        jfree(n);
        return NULL;
    }
    return n;
}

/* The member `key` of an object, or NULL. */
static jnode *jget(const jnode *n, const char *key) {
    size_t i;
    if (n == NULL || n->type != J_OBJ) return NULL;
    for (i = 0; i < n->count; i++) {
        if (n->keys[i] != NULL && strcmp(n->keys[i], key) == 0) return n->items[i];
    }
    return NULL;
}

#endif
