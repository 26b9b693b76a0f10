#!/usr/bin/env python3
"""Precision and recall of a url,text CSV against the expected set: prints "precision recall rows"."""
import csv
import sys
import unicodedata


def pairs(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return [(row["url"], unicodedata.normalize("NFC", row["text"])) for row in reader]


def main():
    expected = set(pairs(sys.argv[1]))
    got_rows = pairs(sys.argv[2])
    got = set(got_rows)
    hits = len(expected & got)
    precision = hits / len(got) if got else 0.0
    recall = hits / len(expected) if expected else 1.0
    print(f"{precision:.4f} {recall:.4f} {len(got_rows)}")


if __name__ == "__main__":
    main()
