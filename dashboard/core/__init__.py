"""The base layer: Swedish formatting, URL building, the formula guard and the file writers.

Everything else (dashboard, callbacks, layouts, data_access) may import from here; nothing here
imports from them (tests/test_layers.py checks it).
"""
