"""tools/cpu_by_process.py (``make test-cpu``): where the machine's CPU went while a command ran,
the processes it does not wait for (the browser) included."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import cpu_by_process  # noqa: E402 - tools/ is not a package

#: A child that starts a grandchild and does not wait for it, as Playwright leaves its browser to
#: the driver: both burn CPU. The grandchild marks when it is done and stays a moment, and the
#: child leaves only after the mark and a moment more, so that the sampling sees them both
#: however loaded the machine is.
BURN = "sum(i * i for i in range(4_000_000))"
GRANDCHILD = f"GRANDCHILD = 1; import pathlib, sys, time; {BURN}; pathlib.Path(sys.argv[1]).touch(); time.sleep(1.0)"
SPAWNER = (f"import pathlib, subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {GRANDCHILD!r}, sys.argv[1]]); "
           f"{BURN}\nwhile not pathlib.Path(sys.argv[1]).exists(): time.sleep(0.05)\ntime.sleep(0.7)")


def test_the_kinds_are_named_as_the_docstring_says():
    runner = doctest.DocTestRunner()
    for test in doctest.DocTestFinder().find(cpu_by_process.kind_of):
        runner.run(test)
    assert runner.tries == 3 and runner.failures == 0


def test_the_cpu_of_a_process_the_command_does_not_wait_for_is_counted(capsys, tmp_path):
    code = cpu_by_process.main([sys.executable, "-c", SPAWNER, str(tmp_path / "done")])
    report = capsys.readouterr().err
    assert code == 0
    lines = {line.split(None, 1)[1]: float(line.split(None, 1)[0]) for line in report.splitlines()[2:] if line.strip()}
    grandchild = [cpu for kind, cpu in lines.items() if kind.startswith("python -c GRANDCHILD = 1;")]
    assert grandchild and grandchild[0] >= 0.1, report
    assert lines["every process seen"] >= 2 * grandchild[0] * 0.8, report


def test_the_command_s_exit_code_is_passed_on():
    assert cpu_by_process.main([sys.executable, "-c", "raise SystemExit(3)"]) == 3
