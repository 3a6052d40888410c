"""Benchmarks: `make bench` (python -m benchmarks). Each figure is compared with a baseline
measured in the same run, or with a platform limit, so it holds on a noisy shared machine."""
