"""Benchmarks of the platform on a large synthetic group (`make bench`)."""
