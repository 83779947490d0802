#!/usr/bin/env python3
"""Summarizes a JFR recording's CPU samples: the hottest methods, by self and inclusive time.

Usage: jfr_top.py <recording.jfr> [filter-substring] [rows]
(e.g. after `bench/run.sh --jfr`: jfr_top.py bench/out/server.jfr). Needs the JDK's `jfr` tool.
With a filter, only samples whose stack contains that substring count (e.g. MessageService.page).
"""
import collections
import re
import subprocess
import sys


def main():
    path = sys.argv[1]
    only = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    text = subprocess.run(['jfr', 'print', '--stack-depth', '64', '--events', 'jdk.ExecutionSample', path],
                          capture_output=True, text=True, check=True).stdout
    self_count, incl_count, total = collections.Counter(), collections.Counter(), 0
    for event in text.split('jdk.ExecutionSample')[1:]:
        frames = [f.split('(')[0] for f in re.findall(r'^\s+([\w.$<>]+\(.*?\))\s+line:', event, re.M)]
        if not frames or (only and not any(only in f for f in frames)):
            continue
        total += 1
        self_count[frames[0]] += 1
        for f in set(frames):
            incl_count[f] += 1
    report(self_count, incl_count, total, only, rows)


def report(self_count, incl_count, total, only, rows):
    """Prints the hottest frames by self and by inclusive share (shared with collapsed_top.py)."""
    print(f'{total} samples' + (f' containing {only}' if only else ''))
    print('\nself:')
    for name, n in self_count.most_common(rows // 2):
        print(f'{100 * n / total:5.1f}%  {name}')
    print('\ninclusive:')
    for name, n in incl_count.most_common(rows):
        print(f'{100 * n / total:5.1f}%  {name}')


if __name__ == '__main__':
    main()
