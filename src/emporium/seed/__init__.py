"""Demo and benchmark data: ``emporium db seed --scale N --seed S``.

:func:`emporium.seed.generate.run` writes a deterministic world (a sneaker marketplace and a
B2B supplements store) in one transaction; see :mod:`emporium.seed.generate` for the
decisions (audit during the bulk load, refusing a second run, status machines).

Modules: ``base`` (plan, ids, times, the COPY loader), ``vocab`` (the words), ``people``,
``catalog``, ``pricing``, ``selling`` (carts, orders), ``rfq``, ``extras`` (cycle counts,
integration bookkeeping), ``generate`` (the entry point).
"""

from __future__ import annotations
