"""bulletin: Vietnamese radio bulletins from text to a logged broadcast."""

__version__ = "0.1.0"
