"""corpusfix: find and fix layout and recognition damage in scraped Chinese article text."""

__version__ = "0.1.0"
