"""The reorganization: a grown legacy store database moved in place into emporium's design."""
