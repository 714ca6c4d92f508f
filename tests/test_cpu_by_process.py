"""tools/cpu_by_process.py (``make test-cpu``): where the machine's CPU went while a command ran,
the processes it does not wait for (the browser) included."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import cpu_by_process  # noqa: E402 - tools/ is not a package

#: A child that starts a grandchild and does not wait for it, as Playwright leaves its browser to
#: the driver: both burn CPU, the grandchild outlives nothing but is not the command's own.
BURN = "sum(i * i for i in range(6_000_000))"
SPAWNER = (f"import subprocess, sys; subprocess.Popen([sys.executable, '-c', {BURN!r}, 'grandchild']); "
           f"{BURN}; import time; time.sleep(1.5)")


def test_the_kinds_are_named_as_the_docstring_says():
    runner = doctest.DocTestRunner()
    for test in doctest.DocTestFinder().find(cpu_by_process.kind_of):
        runner.run(test)
    assert runner.tries == 3 and runner.failures == 0


def test_the_cpu_of_a_process_the_command_does_not_wait_for_is_counted(capsys):
    code = cpu_by_process.main([sys.executable, "-c", SPAWNER])
    report = capsys.readouterr().err
    assert code == 0
    lines = {line.split(None, 1)[1]: float(line.split(None, 1)[0]) for line in report.splitlines()[2:] if line.strip()}
    grandchild = [cpu for kind, cpu in lines.items() if kind.endswith("grandchild")]
    assert grandchild and grandchild[0] >= 0.1, report
    assert lines["every process seen"] >= 2 * grandchild[0] * 0.8, report


def test_the_command_s_exit_code_is_passed_on():
    assert cpu_by_process.main([sys.executable, "-c", "raise SystemExit(3)"]) == 3
