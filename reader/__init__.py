"""The program a person runs."""

__version__ = "0.1.0"
