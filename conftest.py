"""Doctests in the docs and the README run with nothing imported for them.

The examples import what they use, so that each can be pasted on its own;
`tests/test_docs.py` also runs every block in a fresh interpreter.
"""
