"""Before and after: the same reads against two servers, requests interleaved (A, B,
A, B ...) so that whatever else the machine is doing weighs on both alike.

    python benchmarks/compare.py --dsn postgres://postgres@127.0.0.1:5432/serge_bench \\
        --a http://127.0.0.1:8002 --b http://127.0.0.1:8001 --only "person detail,network depth 2"

Typically A serves the code before a change (a `git archive` of the last commit,
started with the same settings on another port) and B the code after it, both on
the same database. Prints the median and 95th percentile of each read on each
server and the ratio B / A. Not a test.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg2  # noqa: E402
from run_benchmarks import Client, choose_cases, percentile, reads  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", required=True, help="Base URL of server A (before).")
    parser.add_argument("--b", required=True, help="Base URL of server B (after).")
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--runs", type=int, default=100, help="Requests per read and server.")
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1947)
    parser.add_argument("--only", help="Comma-separated names of reads (default: all but the hub).")
    args = parser.parse_args()

    with psycopg2.connect(args.dsn) as connection:
        cases = choose_cases(connection.cursor(), args.seed, args.cases)
    wanted = {n.strip() for n in args.only.split(",")} if args.only else None
    clients = {"A": Client(args.a), "B": Client(args.b)}
    print("| read | A median | A p95 | B median | B p95 | B / A |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, read_cases in reads(cases).items():
        if (wanted and name not in wanted) or (not wanted and name.endswith("hub")):
            continue
        timings = {"A": [], "B": []}
        for path, _, _ in read_cases:  # warm both up
            for client in clients.values():
                client.get(path)
        for i in range(args.runs):
            path = read_cases[i % len(read_cases)][0]
            for label in ("A", "B") if i % 2 == 0 else ("B", "A"):
                start = time.perf_counter()
                status, _ = clients[label].get(path)
                timings[label].append(time.perf_counter() - start)
                if status != 200:
                    print(f"warning: {label} {path} answered {status}", file=sys.stderr)
        a, b = ([t * 1000 for t in timings[k]] for k in ("A", "B"))
        print(
            f"| {name} | {statistics.median(a):.1f} ms | {percentile(a, 0.95):.1f} ms "
            f"| {statistics.median(b):.1f} ms | {percentile(b, 0.95):.1f} ms "
            f"| {statistics.median(b) / statistics.median(a):.2f} |"
        )


if __name__ == "__main__":
    main()
