"""Reservation benchmark: `python benchmarks/reserve.py [--seconds N] [--clients 8,32] ...`.

A thin runnable wrapper. The implementation is :mod:`emporium.bench.reserve`, inside the
package, so that ``emporium bench reserve`` (the same thing) works from an installed emporium;
the options are those of ``emporium bench reserve --help``.
"""

from __future__ import annotations

import sys

from emporium.bench.reserve import (
    BenchConfig,
    Scenario,
    hot_scenario,
    render_table,
    run_benchmark,
    run_on_server,
    spread_scenario,
    write_report,
)

__all__ = [
    "BenchConfig",
    "Scenario",
    "hot_scenario",
    "main",
    "render_table",
    "run_benchmark",
    "run_on_server",
    "spread_scenario",
    "write_report",
]


def main(argv: list[str] | None = None) -> None:
    """Run ``emporium bench reserve`` with these arguments."""
    from emporium import cli

    sys.argv = ["emporium", "bench", "reserve", *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
