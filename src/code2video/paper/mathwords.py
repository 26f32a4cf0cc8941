"""The words a presenter uses for math symbols: the vocabulary behind ``mathtext.spoken_math``."""

from __future__ import annotations

GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
         "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
         "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega")

SYMBOLS: dict[str, str] = {name: name for name in GREEK}
SYMBOLS.update({
    "varepsilon": "epsilon", "vartheta": "theta", "varphi": "phi", "varrho": "rho", "varsigma": "sigma",
    "varpi": "pi", "ell": "ell", "hbar": "h bar", "imath": "i", "jmath": "j",
    "cdot": "times", "times": "times", "div": "divided by", "pm": "plus or minus", "mp": "minus or plus",
    "ast": "star", "star": "star", "circ": "composed with", "odot": "element-wise times",
    "otimes": "tensor", "oplus": "direct sum", "bullet": "dot",
    "leq": "is at most", "le": "is at most", "geq": "is at least", "ge": "is at least",
    "ll": "is much less than", "gg": "is much greater than", "neq": "is not equal to", "ne": "is not equal to",
    "approx": "is approximately", "simeq": "is approximately", "equiv": "is equivalent to",
    "sim": "is distributed as", "propto": "is proportional to", "coloneqq": "is defined as",
    "triangleq": "is defined as", "doteq": "is defined as",
    "in": "in", "notin": "not in", "ni": "contains", "subset": "a subset of", "subseteq": "a subset of",
    "supset": "a superset of", "supseteq": "a superset of", "cup": "union", "cap": "intersection",
    "setminus": "minus", "emptyset": "the empty set", "varnothing": "the empty set",
    "to": "to", "rightarrow": "to", "longrightarrow": "to", "mapsto": "maps to", "Rightarrow": "implies",
    "implies": "implies", "iff": "if and only if", "Leftrightarrow": "if and only if",
    "leftarrow": "becomes", "gets": "becomes", "uparrow": "up", "downarrow": "down",
    "infty": "infinity", "partial": "partial", "nabla": "gradient of", "forall": "for all",
    "exists": "there exists", "neg": "not", "land": "and", "wedge": "and", "lor": "or", "vee": "or",
    "ldots": "and so on", "cdots": "and so on", "dots": "and so on", "dotsc": "and so on", "vdots": "",
    "ddots": "", "top": "transpose", "intercal": "transpose", "prime": "prime", "dagger": "dagger",
    "perp": "perpendicular to", "parallel": "parallel to", "mid": "given", "vert": "", "Vert": "",
    "angle": "angle", "deg": "degrees", "log": "log", "ln": "natural log", "exp": "exp", "sin": "sine",
    "cos": "cosine", "tan": "tangent", "det": "determinant of", "dim": "dimension of", "tr": "trace of",
    "Pr": "probability of", "E": "expectation", "%": "percent", "#": "number", "&": "and", "\\": ", and",
})

DROP = frozenset({"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
                  "middle", "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "quad", "qquad",
                  ",", ";", ":", "!", ">", "{", "}", "langle", "rangle", "lfloor", "rfloor", "lceil", "rceil",
                  "lvert", "rvert", "lVert", "rVert", "nonumber", "notag", "label", "tag", "cr", "hfill",
                  "phantom", "hphantom", "vphantom", "underbrace", "overbrace", " "})

BIG_OPERATORS = {
    "sum": "the sum", "prod": "the product", "int": "the integral", "iint": "the double integral",
    "oint": "the contour integral", "lim": "the limit", "max": "the max", "min": "the min",
    "sup": "the supremum", "inf": "the infimum", "argmax": "the arg max", "argmin": "the arg min",
    "bigcup": "the union", "bigcap": "the intersection", "bigoplus": "the direct sum",
    "coprod": "the coproduct",
}

TEXT_MACROS = frozenset({"text", "textrm", "textit", "textbf", "textsf", "texttt", "textnormal", "mbox",
                         "mathrm", "operatorname"})

WORD_MACROS = {
    "mathbf": "{0}", "boldsymbol": "{0}", "bm": "{0}", "mathbb": "{0}", "mathcal": "{0}", "mathsf": "{0}",
    "mathtt": "{0}", "mathscr": "{0}", "mathfrak": "{0}", "mathit": "{0}", "pmb": "{0}", "ensuremath": "{0}",
    "cvnorm": "the norm of {0}", "cvabs": "the absolute value of {0}", "binom": "{0} choose {1}",
    "overline": "{0} bar", "underline": "{0}", "mathring": "{0} ring", "not": "not {0}",
}

_ACCENTS = {
    "hat": "{0} hat", "widehat": "{0} hat", "bar": "{0} bar", "tilde": "{0} tilde", "widetilde": "{0} tilde",
    "vec": "vector {0}", "overrightarrow": "vector {0}", "dot": "{0} dot", "ddot": "{0} double dot",
    "check": "{0} check", "breve": "{0}", "acute": "{0}", "grave": "{0}",
}

_CHARS = {
    "+": "plus", "-": "minus", "=": "equals", "<": "is less than", ">": "is greater than", "*": "star",
    "/": "over", "!": "factorial", "'": "prime", ",": ",", ";": ";", ":": "", "|": "", "(": "", ")": "",
    "[": "", "]": "", ".": "", "~": "", "?": "", "@": "", '"': "",
}

_POWERS = {"2": "squared", "3": "cubed", "transpose": "transpose", "T": "transpose", "minus 1": "inverse",
           "prime": "prime", "star": "star", "dagger": "dagger"}


def char_words(char: str) -> str:
    """One math character or number, said."""
    if char[0].isdigit() or char.isalpha():
        return char
    return _CHARS.get(char, "")


def script_words(kind: str, script: str) -> str:
    """A superscript or subscript, said after its base: "squared", "to the power n", "sub i"."""
    if not script:
        return ""
    if kind == "_":
        return f"sub {script}"
    return _POWERS.get(script, f"to the power {script}")


def accent_words(name: str) -> str | None:
    return _ACCENTS.get(name)
