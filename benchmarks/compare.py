#!/usr/bin/env python3
"""Run `samlab bench` and the JAX reference (benchmarks/jax/bench.py) side by side, one process per model
and tool under `/usr/bin/time -v` (for its peak RSS), and print a Markdown table of median times, the
ratio samlab/JAX, and peak memory. Standard library only.

    python3 benchmarks/compare.py --samlab .build/release/samlab --jax-python benchmarks/jax/.venv/bin/python

Every row runs in its own process per tool (so its peak RSS is that row's: data, parameters, compiled
programs and the runtime), rows in the order sgemm, mlp, cnn, transformer, alternating samlab and JAX so
both see similar machine load; the 1-minute load average before each run is reported (other work on the
machine inflates both columns). Each process runs under an address-space limit (--memory-limit-gb): a row
that needs more fails (by default the limit is the memory available at the start less 1.5 GiB, and a
process is killed if the machine's available memory drops below 1.5 GiB): it is reported as failed
rather than pushing the shared machine into swap.
"""

import argparse
import json
import os
import platform
import resource
import signal
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = ["mlp", "cnn", "transformer"]
ROW_SUFFIXES = ["loss+grad", "sam step", "hvp", "lanczos top-3 (20 hvp)"]
GROUPS = {"sgemm": ["sgemm 2000x2000x2000"]}
GROUPS.update({m: [f"{m} {suffix}" for suffix in ROW_SUFFIXES] for m in MODELS})
TIME = "/usr/bin/time"


def mem_available():
    """MemAvailable from /proc/meminfo, in bytes (None where there is no /proc)."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def run_measured(command, memory_limit, reserve):
    """Runs `command` under /usr/bin/time -v with an address-space limit, and kills it if the machine's
    available memory falls below `reserve` bytes (the machine is shared: swapping would stall everyone).
    Returns (its JSON document or None, max RSS bytes, wall seconds, 1-minute load average before,
    failure text or None)."""
    load = os.getloadavg()[0]

    def limit():
        if memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    start = time.time()
    guard = None
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([TIME, "-v"] + command, stdout=out, stderr=err, text=True, preexec_fn=limit,
                                start_new_session=True)
        while proc.poll() is None:
            available = mem_available()
            if available is not None and available < reserve:
                guard = f"killed: the machine had {available / 2**30:.1f} GiB available"
                os.killpg(proc.pid, signal.SIGKILL)  # /usr/bin/time and the benchmark: their own process group
                proc.wait()
                break
            time.sleep(0.25)
        wall = time.time() - start
        out.seek(0)
        err.seek(0)
        text, stderr = out.read(), err.read()
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    rss = int(match.group(1)) * 1024 if match else None
    if guard or proc.returncode != 0 or "{" not in text:
        detail = " ".join(line.strip() for line in stderr.splitlines() if "Command terminated" in line or "signal" in line)
        return None, rss, wall, load, guard or f"exit {proc.returncode} {detail}".strip()
    return json.loads(text[text.index("{"):]), rss, wall, load, None


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], stdout=subprocess.PIPE, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def fmt_ms(seconds):
    if seconds is None:
        return "—"
    ms = seconds * 1000
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samlab", default=".build/release/samlab", help="the samlab executable (release build)")
    parser.add_argument("--jax-python", default=os.path.join(HERE, "jax", ".venv", "bin", "python"),
                        help="python of the virtualenv with benchmarks/jax/requirements.txt")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--groups", default=",".join(GROUPS), help="comma-separated subset of " + ", ".join(GROUPS))
    parser.add_argument("--memory-limit-gb", type=float, default=0,
                        help="address-space limit of each benchmark process; 0 (default): the memory available "
                             "when the run starts less --reserve-gb")
    parser.add_argument("--reserve-gb", type=float, default=1.5,
                        help="kill a benchmark process when the machine's available memory drops below this")
    parser.add_argument("--save", help="also write every raw result (both tools' JSON, RSS, load) to this file")
    args = parser.parse_args()
    if not os.access(TIME, os.X_OK):
        raise SystemExit(f"{TIME} is missing: apt-get install time")
    groups = [g.strip() for g in args.groups.split(",") if g.strip()]
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise SystemExit(f"unknown group(s) {unknown}; choose from {list(GROUPS)}")

    reps = str(max(1, args.repetitions))
    reserve = int(args.reserve_gb * 2**30)
    if args.memory_limit_gb > 0:
        limit = int(args.memory_limit_gb * 2**30)
    else:
        available = mem_available()
        limit = max(available - reserve, 2**30) if available else None
    if limit:
        sys.stderr.write(f"address-space limit per process: {limit / 2**30:.1f} GiB\n")
    tools = {
        "samlab": lambda f: [args.samlab, "bench", "--json", "--repetitions", reps, "--filter", f],
        "jax": lambda f: [args.jax_python, os.path.join(HERE, "jax", "bench.py"), "--json", "--repetitions", reps, "--filter", f],
    }
    results = {}  # (row, tool) -> {"median_s", "rss", "load", "failure"}
    machines = {}
    for group in groups:
        for row in GROUPS[group]:
            for tool, command in tools.items():
                sys.stderr.write(f"{tool:6} {row:30} ")
                sys.stderr.flush()
                document, rss, wall, load, failure = run_measured(command(row), limit, reserve)
                entry = {"rss": rss, "load": load, "wall": wall, "failure": failure, "median_s": None}
                if document:
                    machines[tool] = document.get("machine", "")
                    found = [r for r in document["rows"] if r["name"] == row]
                    if found:
                        entry["median_s"] = found[0]["median_s"]
                        entry["note"] = found[0].get("note", "")
                    else:
                        entry["failure"] = "row missing"
                results[(row, tool)] = entry
                shown = f"{entry['median_s'] * 1000:10.1f} ms" if entry["median_s"] else f"FAILED ({failure})"
                sys.stderr.write(f"{shown}, peak {(rss or 0) / 1e6:6.0f} MB, load before {load:.2f}\n")

    def cell(entry):
        if entry["median_s"] is not None:
            return fmt_ms(entry["median_s"])
        if entry["failure"] and entry["failure"].startswith("killed"):
            return "out of memory"
        return "failed" + (f" (over the {limit / 2**30:.0f} GiB limit?)" if limit else "")

    lines = []
    lines.append(f"Machine: {cpu_model()}, {os.cpu_count()} cores; samlab: {machines.get('samlab', '?')}; "
                 f"JAX: {machines.get('jax', '?')}. Median of {reps} after one warm-up; float32; "
                 f"one process per row and tool, peak RSS from /usr/bin/time -v.")
    lines.append("")
    lines.append("| row | samlab ms | JAX ms | samlab/JAX | samlab peak MB | JAX peak MB | load before (samlab, JAX) |")
    lines.append("|---|---:|---:|---:|---:|---:|---|")
    for group in groups:
        for row in GROUPS[group]:
            s, j = results[(row, "samlab")], results[(row, "jax")]
            ratio = f"{s['median_s'] / j['median_s']:.2f}" if s["median_s"] and j["median_s"] else "—"
            mb = lambda e: f"{e['rss'] / 1e6:.0f}" if e["rss"] else "—"
            lines.append(f"| {row} | {cell(s)} | {cell(j)} | {ratio} | {mb(s)} | {mb(j)} | {s['load']:.1f}, {j['load']:.1f} |")
    print("\n".join(lines))

    if args.save:
        raw = {f"{r} / {t}": v for (r, t), v in results.items()}
        with open(args.save, "w") as f:
            json.dump({"machines": machines, "cpu": cpu_model(), "results": raw, "table": lines}, f, indent=2, sort_keys=True)


if __name__ == "__main__":
    main()
