"""Paper mode's reader: a LaTeX project (or a PDF) -> a typed ``Paper`` digest -> slides."""
