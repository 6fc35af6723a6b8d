"""Detectors: plug-ins registered under ids, each emitting suggestions of known kinds."""

from corpusfix.detectors.registry import DETECTORS, Detector, register

__all__ = ["DETECTORS", "Detector", "register"]
