"""A character n-gram language model of the project's own: built in pure Python, queried fast.

``corpusfix.lm.model.CharLM.load(path)`` reads a model; ``corpusfix.lm.build.CharLMBuilder``
(or ``build_model``) counts n-grams with bounded memory (external sort) and estimates
interpolated modified Kneser-Ney probabilities. Nothing is imported here, so that the command
line's parser can read ``corpusfix.lm.defaults`` cheaply. See docs/typos.md.
"""
