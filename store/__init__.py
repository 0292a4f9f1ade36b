"""Headless core of lkjip: records, persistence, the calculation engine. Never imports textual.

Import the modules themselves (``store.repository``, ``store.calc``, ...): this package
imports nothing, so a tool that needs one small module (the XLSX writer process needs
``store.tanpa_gc``) does not pay for the database code at start-up.
"""
