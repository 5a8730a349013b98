"""Benchmarks: generated scale tiers and timings of the app's requests (`make bench`)."""
