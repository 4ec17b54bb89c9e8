"""Our API and APIS's, side by side: the same reads on APIS's data shape, requests
interleaved (ours, APIS, APIS, ours ...) so that the machine's other work weighs on
both alike. Both servers must be running (README.md). Not a test.

    .venv/bin/python benchmarks/apis/compare_apis.py --ours http://127.0.0.1:8001 \\
        --apis http://127.0.0.1:8003 --runs 100 --json benchmarks/results/apis.json

Prints, for each read, the median and 95th percentile of each system and the ratio
ours / APIS; for the searches, how many results each answer says it found.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reads import expected, reads  # noqa: E402
from shape import generate  # noqa: E402


class Client:
    """One connection per request (gunicorn's sync workers close it anyway)."""

    def __init__(self, base_url):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80

    def get(self, path):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(
                "GET",
                path,
                headers={
                    "X-Forwarded-Proto": "https",
                    "Accept": "application/json, text/html;q=0.9",
                    "User-Agent": "serge-benchmark",
                },
            )
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def found(body):
    """How many results an answer says it has: `count`, or the length of a bare list
    (APIS's /api/entities/ is not paginated)."""
    try:
        answer = json.loads(body)
    except ValueError:
        return None
    return len(answer) if isinstance(answer, list) else answer.get("count")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ours", default="http://127.0.0.1:8001")
    parser.add_argument("--apis", default="http://127.0.0.1:8003")
    parser.add_argument("--runs", type=int, default=100, help="Requests per read and system.")
    parser.add_argument("--json", help="Write every figure to this file.")
    args = parser.parse_args()

    data = generate()
    clients = {"ours": Client(args.ours), "APIS": Client(args.apis)}
    results = {"load_before": os.getloadavg(), "reads": {}, "search": []}
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| read | ours median | ours p95 | APIS median | APIS p95 | ours / APIS | kB ours / APIS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, cases in reads(data).items():
        for pair in cases:  # warm-up, and the status check
            for label, path in zip(("ours", "APIS"), pair, strict=True):
                status, _ = clients[label].get(path)
                if status != 200:
                    print(f"warning: {label} {path} answered {status}", file=sys.stderr)
        timings, sizes = {"ours": [], "APIS": []}, {"ours": [], "APIS": []}
        for i in range(args.runs):
            pair = dict(zip(("ours", "APIS"), cases[i % len(cases)], strict=True))
            for label in ("ours", "APIS") if i % 2 == 0 else ("APIS", "ours"):
                start = time.perf_counter()
                _, body = clients[label].get(pair[label])
                timings[label].append((time.perf_counter() - start) * 1000)
                sizes[label].append(len(body))
        row = {
            label: {
                "median_ms": statistics.median(t),
                "p95_ms": percentile(t, 0.95),
                "median_bytes": statistics.median(sizes[label]),
            }
            for label, t in timings.items()
        }
        results["reads"][name] = row
        o, a = row["ours"], row["APIS"]
        print(
            f"| {name} | {o['median_ms']:.1f} ms | {o['p95_ms']:.1f} ms | {a['median_ms']:.1f} ms "
            f"| {a['p95_ms']:.1f} ms | {o['median_ms'] / a['median_ms']:.2f} "
            f"| {o['median_bytes'] / 1000:.1f} / {a['median_bytes'] / 1000:.1f} |"
        )
    want = expected(data)
    print("\n| read | query | persons with that surname | ours finds | APIS finds |")
    print("|---|---|---:|---:|---:|")
    for name, cases in reads(data).items():
        if "search" not in name:
            continue
        for ours_path, apis_path in cases:
            query = urllib.parse.unquote(ours_path.rsplit("=", 1)[1])
            counts = [
                found(clients[label].get(path)[1])
                for label, path in (("ours", ours_path), ("APIS", apis_path))
            ]
            results["search"].append(
                {"read": name, "query": query, "expected": want[query], "ours": counts[0], "APIS": counts[1]}
            )
            print(f"| {name} | {query} | {want[query]} | {counts[0]} | {counts[1]} |")
    results["load_after"] = os.getloadavg()
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
