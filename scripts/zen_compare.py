"""ppo against GoRules zen-engine on the Figure 3 matrix and the same synthetic offenders.

Run by scripts/zen-compare, which sets up the virtual environment. First it checks that both engines
give every offender of a sample the same eligibility and total (and stops, status 1, if any differs);
only then does it time them:

- zen-engine evaluating the decision of scripts/zen_figure3.py on each record's JSON text (it parses
  the JSON itself), on one core, and on two cores as two processes each taking half;
- ppo scoring records already in memory (`ppo-bench --only evaluation`), on one and two cores;
- ppo end to end: `ppo score --format csv` on the same file, reading and parsing the JSON, with
  the data digest, on every core.

ppo computes the whole itemised form (every line, its evidence ids and detail) and the ranking; the
ZEN decision computes the total and tier only. The ratio is therefore, if anything, kind to ZEN.
"""

import argparse
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zen  # noqa: E402
import zen_figure3  # noqa: E402

MATRIX = "Prolific Offender Prioritisation"


def ppo_scores(ppo, data, as_of):
    """id -> total from `ppo score --format csv` (eligible offenders only)."""
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as out:
        path = out.name
    try:
        run = subprocess.run([ppo, "score", "--matrix", MATRIX, "--data", data, "--as-of", as_of,
                              "--format", "csv", "--output", path], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"ppo score failed ({run.returncode}): {run.stderr}")
        with open(path, encoding="utf-8-sig") as f:
            rows = [line.split(",") for line in f.read().splitlines()[1:]]
        return {row[1]: Decimal(row[3]) for row in rows}
    finally:
        os.unlink(path)


def with_as_of(line, as_of):
    """The record's JSON text with `asOf` added, for the decision's input."""
    return line.rstrip()[:-1] + b',"asOf":"' + as_of.encode() + b'"}'


def zen_scores(lines, as_of):
    decision = zen.ZenEngine().create_decision(json.dumps(zen_figure3.decision()))
    scores = {}
    for line in lines:
        result = decision.evaluate(with_as_of(line, as_of))["result"]
        if result.get("eligible"):
            scores[json.loads(line)["id"]] = Decimal(str(result["total"]))
    return scores


def zen_worker(lines, as_of, barrier, queue):
    decision = zen.ZenEngine().create_decision(json.dumps(zen_figure3.decision()))
    inputs = [with_as_of(line, as_of) for line in lines]
    decision.evaluate(inputs[0])
    barrier.wait()
    start = time.perf_counter()
    for text in inputs:
        decision.evaluate(text)
    queue.put(time.perf_counter() - start)


def zen_rate(lines, as_of, processes):
    """Offenders per second with `processes` processes, each evaluating its share of `lines`."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(processes)
    queue = context.Queue()
    share = (len(lines) + processes - 1) // processes
    workers = [context.Process(target=zen_worker, args=(lines[n * share:(n + 1) * share], as_of, barrier, queue))
               for n in range(processes)]
    for worker in workers:
        worker.start()
    seconds = max(queue.get() for _ in workers)
    for worker in workers:
        worker.join()
    return len(lines) / seconds


def ppo_in_memory(bench, offenders):
    run = subprocess.run([bench, "--only", "evaluation", "--evaluation-offenders", str(offenders), "--runs", "3"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"ppo-bench failed: {run.stderr}")
    rates = {}
    for cores in (1, 2):
        match = re.search(rf"matrix evaluation, figure3, {cores} cores? \| ([\d,]+) offenders/s", run.stdout)
        if not match:
            sys.exit(f"ppo-bench output not understood:\n{run.stdout}")
        rates[cores] = float(match.group(1).replace(",", ""))
    return rates


def ppo_end_to_end(ppo, data, as_of, offenders, runs=3):
    times = []
    with tempfile.TemporaryDirectory() as directory:
        for _ in range(runs):
            start = time.perf_counter()
            run = subprocess.run([ppo, "score", "--matrix", MATRIX, "--data", data, "--as-of", as_of,
                                  "--format", "csv", "--output", os.path.join(directory, "ranked.csv")],
                                 capture_output=True)
            times.append(time.perf_counter() - start)
            if run.returncode != 0:
                sys.exit("ppo score failed")
    return offenders / sorted(times)[len(times) // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ppo", required=True)
    parser.add_argument("--bench", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--offenders", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", default="2026-11-22")
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    data = os.path.join(args.work, f"zen-{args.offenders}-seed{args.seed}.jsonl")
    subprocess.run([args.ppo, "generate", "--offenders", str(args.offenders), "--seed", str(args.seed),
                    "--output", data], check=True)
    with open(data, "rb") as f:
        lines = f.read().splitlines()
    with open(os.path.join(args.work, "zen-figure3.json"), "w") as f:
        json.dump(zen_figure3.decision(), f, indent=2)

    # 1. Same totals on a sample, or stop.
    sample = os.path.join(args.work, "zen-sample.jsonl")
    with open(sample, "wb") as f:
        f.write(b"\n".join(lines[:args.sample]) + b"\n")
    theirs = zen_scores(lines[:args.sample], args.as_of)
    ours = ppo_scores(args.ppo, sample, args.as_of)
    differ = sorted(i for i in set(ours) | set(theirs) if ours.get(i) != theirs.get(i))
    if differ:
        for offender in differ[:10]:
            print(f"{offender}: ppo {ours.get(offender, 'not eligible')}, zen {theirs.get(offender, 'not eligible')}",
                  file=sys.stderr)
        sys.exit(f"zen-compare: the engines disagree on {len(differ)} of {args.sample} offenders; no timing taken")
    print(f"Totals agree: {len(ours)} eligible offenders of a {args.sample}-offender sample give the same total in "
          f"both engines ({args.sample - len(ours)} ineligible in both).", file=sys.stderr)

    # 2. Throughput.
    zen1 = zen_rate(lines, args.as_of, 1)
    zen2 = zen_rate(lines, args.as_of, 2)
    memory = ppo_in_memory(args.bench, args.offenders)
    e2e = ppo_end_to_end(args.ppo, data, args.as_of, args.offenders)
    zen_version = subprocess.run([sys.executable, "-m", "pip", "show", "zen-engine"], capture_output=True,
                                 text=True).stdout
    version = re.search(r"Version: (\S+)", zen_version)

    def rate(x):
        return f"{x:,.0f} offenders/s"

    print(f"zen-engine {version.group(1) if version else '?'} (Python binding), {args.offenders:,} offenders, "
          f"totals checked on {args.sample:,} first.")
    print()
    print("| engine and setting | throughput | ppo ÷ zen |")
    print("| --- | --- | --- |")
    print(f"| zen-engine, 1 core (evaluate on each record's JSON text) | {rate(zen1)} | |")
    print(f"| zen-engine, 2 cores (two processes) | {rate(zen2)} | |")
    print(f"| ppo, 1 core, records in memory | {rate(memory[1])} | {memory[1] / zen1:,.0f}× zen on 1 core |")
    print(f"| ppo, 2 cores, records in memory | {rate(memory[2])} | {memory[2] / zen2:,.0f}× zen on 2 cores |")
    print(f"| ppo score end to end, JSON file to ranked CSV, 2 cores | {rate(e2e)} | {e2e / zen2:,.0f}× zen on 2 cores |")


if __name__ == "__main__":
    main()
