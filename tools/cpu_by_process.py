"""Run a command and say where the machine's CPU went while it ran, by kind of process.

    python tools/cpu_by_process.py .venv/bin/python -m pytest -q      (or: make test-cpu)

``time`` counts only the processes it waits for: a browser that Playwright starts and stops is
not among them, and under pytest-xdist the browser is about as large as the test processes.
This samples every process in ``/proc`` a few times a second while the command runs and adds
up, per process, the CPU it had used when last seen (minus what it had used before the
command started). A process that lives less than a sampling interval is missed, so the sum is
a little low; the machine's total from ``/proc/stat`` is printed beside it for comparison.
Linux only.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")
INTERVAL = 0.3


def kind_of(command_line: list[str], name: str) -> str:
    """A short name for what a process is: the browser's processes by their ``--type``, the
    pytest-xdist workers, the Playwright driver, other Python commands by their first words.

    >>> kind_of(["/usr/lib/chromium/chromium-headless-shell", "--type=renderer"], "chromium-headl")
    'browser renderer'
    >>> kind_of(["/work/.venv/bin/python", "-u", "-c", "import sys;exec(eval(sys.stdin.readline()))"], "python")
    'pytest-xdist worker'
    >>> kind_of(["/work/.venv/bin/mkdocs", "build", "--strict"], "mkdocs")
    'mkdocs build --strict'
    """
    joined = " ".join(command_line)
    if "chrom" in joined or name.startswith("chrom"):
        types = [arg.removeprefix("--type=") for arg in command_line if arg.startswith("--type=")]
        return "browser " + (types[0] if types else "main")
    if "-u -c" in joined and "python" in joined:
        return "pytest-xdist worker"
    if "playwright" in joined and "driver" in joined:
        return "playwright driver"
    words = [os.path.basename(word) for word in command_line[:4] if word]
    return " ".join(" ".join(words).split())[:100] if words else name  # one line, however long the -c


def processes() -> dict[tuple[int, str], tuple[str | None, float]]:
    """Every process now: (pid, start time) → (kind, CPU seconds used so far); the kind is None
    for a process without a command line (ended, or a kernel thread)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat_file:
                stat = stat_file.read()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline_file:
                command_line = [part.decode(errors="replace") for part in cmdline_file.read().split(b"\0") if part]
        except OSError:
            continue  # gone meanwhile
        name = stat[stat.find("(") + 1:stat.rfind(")")]
        fields = stat[stat.rfind(")") + 2:].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
        found[(int(entry), fields[19])] = (kind_of(command_line, name) if command_line else None, cpu)
    return found


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (every state of /proc/stat but idle and iowait)."""
    with open("/proc/stat") as stat_file:
        user, nice, system, _idle, _iowait, irq, softirq, *_ = map(int, stat_file.readline().split()[1:])
    return (user + nice + system + irq + softirq) / TICKS


def main(command: list[str]) -> int:
    before, busy_before, started = processes(), machine_busy(), time.monotonic()
    running = subprocess.Popen(command)
    last_seen: dict[tuple[int, str], tuple[str, float]] = {}
    while running.poll() is None:
        for key, (kind, cpu) in processes().items():
            # a process that has ended and not been waited for has no command line any more
            # (its kind is then its bare name): it keeps the kind it was last seen as
            ended = kind is None
            last_seen[key] = (last_seen[key][0] if ended and key in last_seen else kind or "(no command line)", cpu)
        time.sleep(INTERVAL)
    wall, busy = time.monotonic() - started, machine_busy() - busy_before
    by_kind: collections.Counter[str] = collections.Counter()
    for key, (kind, cpu) in last_seen.items():
        by_kind[kind] += cpu - (before[key][1] if key in before else 0.0)
    print(f"\ncpu_by_process: {wall:.1f} s wall, the machine busy {busy:.1f} CPU-s ({os.cpu_count()} CPUs)",
          file=sys.stderr)
    for kind, cpu in by_kind.most_common(15):
        if cpu >= 0.1:
            print(f"  {cpu:7.1f}  {kind}", file=sys.stderr)
    print(f"  {sum(by_kind.values()):7.1f}  every process seen", file=sys.stderr)
    return running.returncode


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: cpu_by_process.py COMMAND [ARGUMENT …]")
    sys.exit(main(sys.argv[1:]))
