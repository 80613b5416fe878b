"""Benchmarks: each scenario prints our figure next to the raw-SQL limit from the same run."""
