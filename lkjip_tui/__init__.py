"""lkjip: keyboard-driven entry of the LKjIP performance report."""

# The single source of the version (pyproject reads it). Not importlib.metadata: that import
# alone costs ~0.13 s of start-up on an old PC.
__version__ = "0.1.0"
