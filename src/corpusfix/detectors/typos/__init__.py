"""Typo detection: candidates (look-alike, sound-alike, dropped), gates and language-model scoring."""

from corpusfix.detectors.typos import detector as detector
