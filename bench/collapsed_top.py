#!/usr/bin/env python3
"""Summarizes async-profiler collapsed stacks (file=*.collapsed): self and inclusive shares.

Usage: collapsed_top.py <file.collapsed> [filter-substring] [rows]
"""
import collections
import sys

from jfr_top import report


def main():
    path = sys.argv[1]
    only = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    self_count, incl_count, total = collections.Counter(), collections.Counter(), 0
    with open(path) as f:
        for line in f:
            stack, _, n = line.rstrip('\n').rpartition(' ')
            if only and only not in stack:
                continue
            n = int(n)
            frames = stack.split(';')
            total += n
            self_count[frames[-1]] += n
            for fr in set(frames):
                incl_count[fr] += n
    report(self_count, incl_count, total, only, rows)


if __name__ == '__main__':
    main()
