"""Subcommands, one module per group. Each module has register(subparsers, common)."""
