"""Benchmarks shipped with the package, so `emporium bench ...` runs from an installed emporium.

Each scenario prints our figure next to the raw-SQL limit measured in the same run. The
top-level ``benchmarks/`` folder of the repository holds thin runnable wrappers.
"""
