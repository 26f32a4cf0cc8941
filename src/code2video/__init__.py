"""code2video: narrated educational videos from topics and papers, rendered with Manim."""
__version__ = "0.1.0"
