"""tradedigest: who said what about trade, and which numbers matter."""

__version__ = "0.1.0"
