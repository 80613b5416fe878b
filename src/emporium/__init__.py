"""emporium: a PostgreSQL-native commerce backend."""

__version__ = "0.1.0"
