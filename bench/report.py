#!/usr/bin/env python3
"""Prints the benchmark table from results.tsv (written by run.sh): medians per tool and ratios pair by pair."""
import statistics
import sys
from collections import defaultdict

# The tool each suite compares AudioCrawl with; every other tool of the suite gets ratios against it.
BASELINES = {"scrapy", "aria2c", "tar"}
FIELDS = ["suite", "tool", "run", "units", "wall", "cpu", "rss_kb", "precision", "recall", "rows"]


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(dict(zip(FIELDS, line.rstrip("\n").split("\t"))))
    return rows


def main():
    rows = load(sys.argv[1])
    unit_names = {"crawl": "pages/s", "download": "files/s", "pack": "MB/s"}
    by_suite = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_suite[row["suite"]][row["tool"]].append(row)
    for suite, tools in by_suite.items():
        unit = unit_names.get(suite, "units/s")
        print(f"\n== {suite} ==")
        print(f"{'tool':<18} {'runs':>4} {unit + ' (median)':>18} {'wall s':>8} {'CPU s':>8} {'RSS MB med/max':>16} {'precision':>10} {'recall':>8}")
        for tool, runs in tools.items():
            rate = statistics.median(float(r["units"]) / max(float(r["wall"]), 0.01) for r in runs)
            wall = statistics.median(float(r["wall"]) for r in runs)
            cpu = statistics.median(float(r["cpu"]) for r in runs)
            rss = f'{statistics.median(int(r["rss_kb"]) for r in runs) / 1024:.0f}/{max(int(r["rss_kb"]) for r in runs) / 1024:.0f}'
            precision = min(r["precision"] for r in runs)
            recall = min(r["recall"] for r in runs)
            print(f"{tool:<18} {len(runs):>4} {rate:>18.1f} {wall:>8.2f} {cpu:>8.2f} {rss:>16} {precision:>10} {recall:>8}")
        baseline = next((name for name in tools if name in BASELINES), None)
        for ours in (name for name in tools if name != baseline):
            if baseline is None:
                break
            theirs = baseline
            print(f"ratios {ours}/{theirs}, pair by pair (rate, CPU s, peak RSS):")
            for a, b in zip(tools[ours], tools[theirs]):
                rate = (float(a["units"]) / max(float(a["wall"]), 0.01)) / (float(b["units"]) / max(float(b["wall"]), 0.01))
                cpu = float(a["cpu"]) / max(float(b["cpu"]), 0.01)
                rss = int(a["rss_kb"]) / int(b["rss_kb"])
                print(f"  run {a['run']}: {rate:.2f}x {unit}, {cpu:.2f}x CPU, {rss:.2f}x RSS")


if __name__ == "__main__":
    main()
