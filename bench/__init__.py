"""Benchmarks of reader: corpus generator, measurements, and a side-by-side run against Recoll."""
