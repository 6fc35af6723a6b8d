"""Typo detection: candidates (look-alike, sound-alike, dropped), gates, language-model scoring."""

from corpusfix.detectors.typos import detector as detector
