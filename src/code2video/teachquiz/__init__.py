"""Evaluation of a rendered video: TeachQuiz (does watching it teach?), aesthetics (a VLM judge
and offline proxies), Meta metrics against a reference talk, and efficiency.

Everything here reads an output folder of ``code2video render``; nothing in the core imports it.
"""
