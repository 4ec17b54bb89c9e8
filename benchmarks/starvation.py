"""Can one busy client starve the others? (issue 19)

A greedy client (wrk, many connections, from one address) asks for a heavy read
in a loop while a polite client (another address, one request at a time, twice a
second) asks for a reader page; the polite client's latencies are what other
readers live with. Run it against the production server (benchmarks/serve.sh)
with a shared cache (REDIS_URL) and one trusted proxy (SERGE_NUM_PROXIES=1), so
that the two clients are told apart by the X-Forwarded-For each sends:

    REDIS_URL=redis://127.0.0.1:6379/3 SERGE_NUM_PROXIES=1 bash benchmarks/serve.sh &
    .venv/bin/python benchmarks/starvation.py --greedy /api/v1/persons/1/network/?depth=2 \\
        --polite /persons/2/<slug>/ --seconds 60 --connections 32

The polite path is a canonical page URL (a redirect would lead to https://).
Run it once with the default in-flight limit and once with the server started
with SERGE_HEAVY_READS_IN_FLIGHT=100000 (no limit) to compare. Needs `wrk`.
"""

import argparse
import re
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request

# As behind the HTTPS proxy of production: without it the server answers every request
# with a redirect to https://, and both clients would measure redirects.
FORWARDED = {"X-Forwarded-Proto": "https"}


def polite_client(url, seconds, results):
    """One request at a time, every half second, from its own address."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        request = urllib.request.Request(url, headers=FORWARDED | {"X-Forwarded-For": "10.0.0.2"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = "timeout"
        elapsed = time.monotonic() - started
        results.append((elapsed, status))
        time.sleep(max(0.0, 0.5 - elapsed))


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8001")
    parser.add_argument("--greedy", required=True, help="path the greedy client asks for")
    parser.add_argument("--polite", required=True, help="path the polite client asks for")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()

    results = []
    polite = threading.Thread(
        target=polite_client, args=(args.base + args.polite, args.seconds, results), daemon=True
    )
    greedy = subprocess.Popen(
        [
            "wrk",
            "-t2",
            f"-c{args.connections}",
            f"-d{args.seconds}s",
            "--timeout",
            "30s",
            "-H",
            "X-Forwarded-For: 10.0.0.1",
            "-H",
            "X-Forwarded-Proto: https",
            args.base + args.greedy,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    polite.start()
    report, _ = greedy.communicate()
    polite.join()

    requests = re.search(r"(\d+) requests in", report)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    print(f"greedy client: {args.connections} connections on {args.greedy} for {args.seconds} s")
    print(
        f"  {requests.group(1) if requests else '?'} requests, {non_2xx.group(1) if non_2xx else 0} refused"
    )
    times = [elapsed for elapsed, status in results if status == 200]
    statuses = {}
    for _, status in results:
        statuses[status] = statuses.get(status, 0) + 1
    print(f"polite client on {args.polite}: {len(results)} requests, statuses {statuses}")
    if times:
        print(
            f"  p50 {statistics.median(times) * 1000:.0f} ms, p95 {percentile(times, 0.95) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
