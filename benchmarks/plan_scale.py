"""Plan at scale: a generated Dataiku project of N datasets in chains of 10, with a recipe
between each pair, validated and planned against an empty emulator.

    python benchmarks/plan_scale.py                 # N = 1,000 and 10,000
    python benchmarks/plan_scale.py --sizes 1000 10000 100000
    python benchmarks/plan_scale.py --sizes 10000 --formats json text --repeat 5
    python benchmarks/plan_scale.py --quick         # 1,000 and 10,000, both formats, 3 runs

Each size runs `iac plan -c FILE --emulator --json` in a fresh process (so the figure includes
interpreter start-up and imports) and reports wall time and peak RSS, then checks linearity.
With ``--formats json text`` each size also runs the default text plan (stdout to a pipe, as
in CI), the formats alternating within each repeat; min and median of wall and CPU time per
format, and the text/json ratio of the medians.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHAIN = 10


def generate(n_datasets: int) -> str:
    """The YAML of one project: N datasets, and a python recipe between each pair in a chain."""
    lines = ['version: "1.0"', "project:", "  key: SCALE", "  name: Scale test", "datasets:"]
    for i in range(n_datasets):
        lines += [f"  - name: DS_{i}", "    type: managed", "    format_type: parquet"]
    lines.append("recipes:")
    for i in range(n_datasets):
        if i % CHAIN == 0:
            continue
        lines += [
            f"  - name: r_{i}",
            "    type: python",
            f"    inputs: [DS_{i - 1}]",
            f"    outputs: [DS_{i}]",
            "    code: |",
            "      import dataiku",
        ]
    return "\n".join(lines) + "\n"


def run_plan(config: Path, workdir: Path) -> tuple[float, float, dict[str, int]]:
    """Wall seconds, peak RSS in MB, and the plan summary of one `iac plan` process."""
    command = [sys.executable, "-m", "data_iac", "plan", "-c", str(config), "--emulator", "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 2:
        raise SystemExit(f"iac plan exited {done.returncode}:\n{done.stderr[-2000:]}")
    summary = json.loads(done.stdout)["summary"]
    return wall, max(peak_kb, before) / 1024, summary


def timed_plan(config: Path, workdir: Path, fmt: str) -> tuple[float, float]:
    """Wall and CPU seconds of one `iac plan` process printing ``fmt`` (json or text)."""
    command = [sys.executable, "-m", "data_iac", "plan", "-c", str(config), "--emulator"]
    command += ["--json"] if fmt == "json" else []
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 2:
        raise SystemExit(f"iac plan exited {done.returncode}:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    return wall, cpu


def compare_formats(config: Path, workdir: Path, formats: list[str], repeat: int) -> None:
    """Each format ``repeat`` times, alternating the order; min and median per format."""
    runs: dict[str, list[tuple[float, float]]] = {fmt: [] for fmt in formats}
    for i in range(repeat):
        for fmt in formats if i % 2 == 0 else list(reversed(formats)):
            runs[fmt].append(timed_plan(config, workdir, fmt))
    medians = {}
    for fmt, samples in runs.items():
        walls, cpus = sorted(w for w, _ in samples), sorted(c for _, c in samples)
        medians[fmt] = statistics.median(walls)
        print(
            f"  {fmt:>5}: wall min {walls[0]:5.2f}s median {medians[fmt]:5.2f}s  "
            f"cpu min {cpus[0]:5.2f}s median {statistics.median(cpus):5.2f}s  (n={repeat})",
            flush=True,
        )
    if "json" in medians and "text" in medians:
        print(f"  text/json (median wall): x{medians['text'] / medians['json']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formats", nargs="+", choices=["json", "text"], default=[])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--quick", action="store_true", help="1,000 and 10,000 datasets, text and json, 3 runs"
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.formats, args.repeat = [1000, 10000], ["json", "text"], 3
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            workdir = Path(tmp) / f"n{size}"
            workdir.mkdir()
            config = workdir / "project.yml"
            config.write_text(generate(size))
            wall, rss, summary = run_plan(config, workdir)
            resources = summary["create"]
            results.append((size, resources, wall, rss))
            print(
                f"N={size:>7,}  resources={resources:>7,}  wall={wall:6.2f}s  "
                f"peak_rss={rss:6.0f} MB",
                flush=True,
            )
            if args.formats:
                compare_formats(config, workdir, args.formats, args.repeat)
    for (n1, _, w1, _), (n2, _, w2, _) in itertools.pairwise(results):
        print(f"x{n2 // n1} size costs x{w2 / w1:.2f} time")
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
