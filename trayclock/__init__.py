"""trayclock: notices remote-support sessions, asks which customer, prices and syncs them."""

__version__ = "0.1.0"
