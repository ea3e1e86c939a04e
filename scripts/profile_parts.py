"""Instructions of an import by part of the work, from callgrind's self
costs (callgrind_annotate): an instruction's source file says what the
code does; code inlined from the standard library is charged to the
function it was inlined into, and libc's copies and compares are a part
of their own. Usage: profile_parts.py IMPORT_OUT FLOOR_OUT"""
import collections
import re
import subprocess
import sys

# (text in the file or function, part): the first that matches.
RULES = [
    ("csv-core", "parse: csv_core (what the floor does)"),
    ("csv_core", "parse: csv_core (what the floor does)"),
    ("csv-1.", "parse: the csv crate's reader and records"),
    ("csv::", "parse: the csv crate's reader and records"),
    ("import/lines.rs", "parse: line numbers"),
    ("import/reader.rs", "parse: the csv crate's reader and records"),
    ("LineCounter", "parse: line numbers"),
    ("memchr", "memchr searches (line ends, line starts, fields)"),
    ("encoding_rs", "decode: Windows-1252 (encoding_rs)"),
    ("import/decode.rs", "decode: lines judged and copied"),
    ("DecodeLines", "decode: lines judged and copied"),
    ("simdutf8", "UTF-8 validation (simdutf8)"),
    ("from_utf8", "UTF-8 validation (simdutf8)"),
    ("unicode_normalization", "values: trim, formula guard, NFC"),
    ("clean_composed", "values: trim, formula guard, NFC"),
    ("cells.rs", "values: trim, formula guard, NFC"),
    ("unguard", "values: trim, formula guard, NFC"),
    ("trim_matches", "values: trim, formula guard, NFC"),
    ("validate/contact.rs", "email and phone checks"),
    ("check_email", "email and phone checks"),
    ("check_phone", "email and phone checks"),
    ("email_address", "email and phone checks"),
    ("fast_hash", "hashing (duplicate keys, remembered verdicts)"),
    ("text/hash.rs", "remembered verdicts (role words, email domains)"),
    ("Remembered", "remembered verdicts (role words, email domains)"),
    ("finish", "duplicates: finished (sorted, confirmed)"),
    ("sort_by_high_half", "duplicates: finished (sorted, confirmed)"),
    ("Identities", "duplicates: finished (sorted, confirmed)"),
    ("OrgClasses", "duplicates: keys (names folded, hashed)"),
    ("DuplicateFinder::push", "duplicates: keys (names folded, hashed)"),
    ("swar.rs", "duplicates: keys (names folded, hashed)"),
    ("fold_bytes_into", "duplicates: keys (names folded, hashed)"),
    ("text/duplicates.rs", "duplicates: keys (names folded, hashed)"),
    ("duplicate_problems", "problems: built and merged"),
    ("problems/list/", "problems: built and merged"),
    ("ImportProblems", "problems: built and merged"),
    ("sink.rs", "problems: built and merged"),
    ("Sink::", "problems: built and merged"),
    ("roster/mod.rs", "roster built (text copied, organisations)"),
    ("Roster::", "roster built (text copied, organisations)"),
    ("find_split", "the split (two threads or more)"),
    ("import/rows.rs", "row reader (fields cut, checks, choices)"),
    ("import/header.rs", "row reader (fields cut, checks, choices)"),
    ("is_header_again", "row reader (fields cut, checks, choices)"),
    ("rows::read_record", "row reader (fields cut, checks, choices)"),
    ("read_rows", "row reader (fields cut, checks, choices)"),
    ("is_blank", "row reader (fields cut, checks, choices)"),
    ("spec_from_iter", "row reader (fields cut, checks, choices)"),
    ("floor::", "the floor's own loop"),
    ("malloc", "allocation"),
    ("free", "allocation"),
]
LIBC_COPIES = ("memmove", "memcpy", "memcmp", "memset")


def parts(path):
    out = subprocess.run(
        ["callgrind_annotate", "--auto=no", "--threshold=100", path],
        capture_output=True, text=True, check=True,
    ).stdout
    found = collections.Counter()
    total = 0
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(\S.*)$", line)
        if not m:
            continue
        n, name = int(m.group(1).replace(",", "")), m.group(2)
        if "PROGRAM TOTALS" in name:
            total = n
            continue
        file, _, function = name.partition(":")
        library = file.startswith(("/rustc/", "./", "???"))
        key = function if library else f"{file}:{function}"
        if any(c in file or c in function for c in LIBC_COPIES):
            part = "libc copies and compares (for all of the above)"
        else:
            part = next((p for text, p in RULES if text in key), None)
            part = part or next((p for text, p in RULES if text in name), "other")
        found[part] += n
    return total, found


def main():
    total, found = parts(sys.argv[1])
    floor, _ = parts(sys.argv[2])
    print(f"import {total / 1e6:.1f} M instructions, floor {floor / 1e6:.1f} M ({total / floor:.2f}x)")
    for part, n in found.most_common():
        print(f"{n / 1e6:9.1f} M {100 * n / total:5.1f} % {n / floor:5.2f}x floor  {part}")


if __name__ == "__main__":
    main()
