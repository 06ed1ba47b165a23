"""Test and benchmark support shared across test folders (the fault proxy, sync servers)."""
