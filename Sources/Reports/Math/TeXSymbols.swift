/// The TeX control sequences that stand for a single symbol, with the Unicode character each
/// produces and the MathML token that carries it. Glyph choices follow the Unicode mapping of
/// the LaTeX `unicode-math` package (e.g. `\epsilon` is the lunate ϵ U+03F5, `\varepsilon` the
/// ε U+03B5; `\phi` is ϕ U+03D5, `\varphi` φ U+03C6).
enum TeXSymbols {
    /// Identifiers (`<mi>`). Capital Greek letters are upright in TeX, so they are marked
    /// `mathvariant="normal"` (MathML Core would otherwise italicise a one-letter `<mi>`).
    static let identifiers: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "varkappa": "ϰ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π",
        "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "digamma": "ϝ",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "varGamma": "𝛤", "varDelta": "𝛥", "varTheta": "𝛩", "varLambda": "𝛬", "varXi": "𝛯",
        "varPi": "𝛱", "varSigma": "𝛴", "varUpsilon": "𝛶", "varPhi": "𝛷", "varPsi": "𝛹",
        "varOmega": "𝛺",
        "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ℏ", "hslash": "ℏ",
        "imath": "ı", "jmath": "ȷ", "aleph": "ℵ", "beth": "ℶ", "wp": "℘", "Re": "ℜ", "Im": "ℑ",
        "emptyset": "∅", "varnothing": "⌀", "top": "⊤", "bot": "⊥", "angle": "∠", "triangle": "△",
        "Box": "□", "square": "□", "blacksquare": "■", "diamondsuit": "♢", "clubsuit": "♣",
        "heartsuit": "♡", "spadesuit": "♠", "flat": "♭", "natural": "♮", "sharp": "♯",
        "checkmark": "✓", "complement": "∁", "mho": "℧", "eth": "ð", "Finv": "Ⅎ", "Game": "⅁",
        "prime": "′", "backprime": "‵", "degree": "°", "dagger": "†", "ddagger": "‡",
    ]

    /// Identifiers drawn upright although a one-letter `<mi>` would be italic in MathML Core.
    static let uprightIdentifiers: Set<String> = [
        "Γ", "Δ", "Θ", "Λ", "Ξ", "Π", "Σ", "Υ", "Φ", "Ψ", "Ω", "∇", "ı", "ȷ",
    ]

    /// Operators (`<mo>`): binary operators, relations, arrows, punctuation, logic.
    static let operators: [String: String] = [
        // binary operators
        "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "⋅", "centerdot": "⋅", "ast": "∗",
        "star": "⋆", "circ": "∘", "bullet": "∙", "cup": "∪", "cap": "∩", "setminus": "∖",
        "smallsetminus": "∖", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "oplus": "⊕",
        "ominus": "⊖", "otimes": "⊗", "oslash": "⊘", "odot": "⊙", "uplus": "⊎", "sqcup": "⊔",
        "sqcap": "⊓", "amalg": "⨿", "diamond": "⋄", "bigtriangleup": "△", "bigtriangledown": "▽",
        "triangleleft": "◁", "triangleright": "▷", "wr": "≀", "boxplus": "⊞", "boxminus": "⊟",
        "boxtimes": "⊠", "ltimes": "⋉", "rtimes": "⋊", "intercal": "⊺",
        // relations
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "leqslant": "⩽", "geqslant": "⩾",
        "ne": "≠", "neq": "≠", "approx": "≈", "approxeq": "≊", "sim": "∼", "simeq": "≃",
        "cong": "≅", "equiv": "≡", "propto": "∝", "in": "∈", "notin": "∉", "ni": "∋",
        "owns": "∋", "subset": "⊂", "subseteq": "⊆", "subsetneq": "⊊", "supset": "⊃",
        "supseteq": "⊇", "supsetneq": "⊋", "sqsubset": "⊏", "sqsupset": "⊐", "sqsubseteq": "⊑",
        "sqsupseteq": "⊒", "ll": "≪", "gg": "≫", "lll": "⋘", "ggg": "⋙", "prec": "≺",
        "succ": "≻", "preceq": "⪯", "succeq": "⪰", "perp": "⊥", "parallel": "∥",
        "nparallel": "∦", "mid": "∣", "nmid": "∤", "models": "⊨", "vdash": "⊢", "dashv": "⊣",
        "vDash": "⊨", "asymp": "≍", "doteq": "≐", "coloneqq": "≔", "eqqcolon": "≕",
        "triangleq": "≜", "lesssim": "≲", "gtrsim": "≳", "lessgtr": "≶", "nless": "≮",
        "ngtr": "≯", "nleq": "≰", "ngeq": "≱", "nsim": "≁", "ncong": "≇", "nsubseteq": "⊈",
        "nsupseteq": "⊉", "bowtie": "⋈", "smile": "⌣", "frown": "⌢", "lhd": "⊲", "rhd": "⊳",
        "unlhd": "⊴", "unrhd": "⊵", "sqsubsetneq": "⊏", "eqsim": "≂", "backsim": "∽",
        "therefore": "∴", "because": "∵",
        // arrows
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
        "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "iff": "⟺",
        "implies": "⟹", "impliedby": "⟸", "mapsto": "↦", "longmapsto": "⟼",
        "longrightarrow": "⟶", "longleftarrow": "⟵", "longleftrightarrow": "⟷",
        "Longrightarrow": "⟹", "Longleftarrow": "⟸", "Longleftrightarrow": "⟺",
        "uparrow": "↑", "downarrow": "↓", "updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓",
        "Updownarrow": "⇕", "nearrow": "↗", "searrow": "↘", "swarrow": "↙", "nwarrow": "↖",
        "hookrightarrow": "↪", "hookleftarrow": "↩", "rightharpoonup": "⇀",
        "rightharpoondown": "⇁", "leftharpoonup": "↼", "leftharpoondown": "↽",
        "rightleftharpoons": "⇌", "leftrightharpoons": "⇋", "leadsto": "⇝", "rightsquigarrow": "⇝",
        "twoheadrightarrow": "↠", "rightarrowtail": "↣", "curvearrowright": "↷",
        "circlearrowleft": "↺", "circlearrowright": "↻", "nrightarrow": "↛", "nleftarrow": "↚",
        "nRightarrow": "⇏", "nLeftrightarrow": "⇎", "upuparrows": "⇈", "downdownarrows": "⇊",
        "dashrightarrow": "⇢", "dashleftarrow": "⇠", "Lsh": "↰", "Rsh": "↱",
        // logic and punctuation
        "forall": "∀", "exists": "∃", "nexists": "∄", "neg": "¬", "lnot": "¬",
        "ldots": "…", "dots": "…", "dotsc": "…", "dotsb": "⋯", "dotsm": "⋯", "dotsi": "⋯",
        "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "colon": ":", "vert": "|", "Vert": "‖",
        "|": "‖", "%": "%", "#": "#", "&": "&", "$": "$", "_": "_", "S": "§", "P": "¶",
        "backslash": "\\", "surd": "√",
    ]

    /// Attributes for operators whose MathML defaults differ from TeX: `\colon` is punctuation,
    /// tighter than the relation `:`; bars are ordinary symbols in TeX (no space around them, no
    /// stretching), while MathML would space a `|` in the middle of a row as an infix operator.
    static let operatorAttributes: [String: [(String, String)]] = [
        "colon": [("lspace", "0em"), ("rspace", "0.1667em")],
        "vert": [("stretchy", "false"), ("lspace", "0em"), ("rspace", "0em")],
        "Vert": [("stretchy", "false"), ("lspace", "0em"), ("rspace", "0em")],
        "|": [("stretchy", "false"), ("lspace", "0em"), ("rspace", "0em")],
        "backslash": [("stretchy", "false")],
    ]

    /// Large operators. `limits` is true for those that take their scripts above and below in
    /// display style (sums, products, unions); integrals keep them at the side, as in TeX.
    static let largeOperators: [String: (symbol: String, limits: Bool)] = [
        "sum": ("∑", true), "prod": ("∏", true), "coprod": ("∐", true), "bigcup": ("⋃", true),
        "bigcap": ("⋂", true), "bigoplus": ("⨁", true), "bigotimes": ("⨂", true),
        "bigodot": ("⨀", true), "bigvee": ("⋁", true), "bigwedge": ("⋀", true),
        "bigsqcup": ("⨆", true), "biguplus": ("⨄", true),
        "int": ("∫", false), "iint": ("∬", false), "iiint": ("∭", false), "iiiint": ("⨌", false),
        "oint": ("∮", false), "oiint": ("∯", false), "oiiint": ("∰", false), "intop": ("∫", true),
        "smallint": ("∫", false),
    ]

    /// Named functions set upright (`\sin`, `\log`); `limits` marks those that take limits below
    /// in display style (`\lim`, `\max`), as TeX's `\mathop` with `\limits` does.
    static let functions: [String: (name: String, limits: Bool)] = [
        "arccos": ("arccos", false), "arcsin": ("arcsin", false), "arctan": ("arctan", false),
        "arg": ("arg", false), "cos": ("cos", false), "cosh": ("cosh", false), "cot": ("cot", false),
        "coth": ("coth", false), "csc": ("csc", false), "deg": ("deg", false), "dim": ("dim", false),
        "exp": ("exp", false), "hom": ("hom", false), "ker": ("ker", false), "lg": ("lg", false),
        "ln": ("ln", false), "log": ("log", false), "sec": ("sec", false), "sin": ("sin", false),
        "sinh": ("sinh", false), "tan": ("tan", false), "tanh": ("tanh", false),
        "sgn": ("sgn", false), "tr": ("tr", false), "Tr": ("Tr", false), "rank": ("rank", false),
        "diag": ("diag", false), "supp": ("supp", false), "erf": ("erf", false),
        "det": ("det", true), "gcd": ("gcd", true), "lcm": ("lcm", true), "inf": ("inf", true),
        "lim": ("lim", true), "liminf": ("lim\u{2009}inf", true), "limsup": ("lim\u{2009}sup", true),
        "max": ("max", true), "min": ("min", true), "Pr": ("Pr", true), "sup": ("sup", true),
        "argmax": ("arg\u{2009}max", true), "argmin": ("arg\u{2009}min", true),
        "esssup": ("ess\u{2009}sup", true), "essinf": ("ess\u{2009}inf", true),
    ]

    /// Delimiters usable after `\left`, `\right`, `\middle` and `\big`-style commands, by command
    /// name; one-character delimiters (`(`, `[`, `|`, `/`, `.`) are handled by `delimiter(for:)`.
    static let delimiterCommands: [String: String] = [
        "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]",
        "langle": "⟨", "rangle": "⟩", "lvert": "|", "rvert": "|", "vert": "|", "|": "‖",
        "lVert": "‖", "rVert": "‖", "Vert": "‖", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
        "rceil": "⌉", "backslash": "\\", "uparrow": "↑", "downarrow": "↓", "updownarrow": "↕",
        "Uparrow": "⇑", "Downarrow": "⇓", "Updownarrow": "⇕", "lgroup": "⟮", "rgroup": "⟯",
        "llbracket": "⟦", "rrbracket": "⟧", "ulcorner": "⌜", "urcorner": "⌝",
    ]

    /// Opening delimiters among `delimiterCommands` and single characters, used for `form`.
    static let openingDelimiters: Set<String> = ["(", "[", "{", "⟨", "⌊", "⌈", "⟮", "⟦", "⌜"]
    static let closingDelimiters: Set<String> = [")", "]", "}", "⟩", "⌋", "⌉", "⟯", "⟧", "⌝"]

    /// One-character operators typed directly; `-` becomes the minus sign U+2212 and `*` the
    /// asterisk operator U+2217, as in TeX.
    static let characterOperators: [Unicode.Scalar: String] = [
        "+": "+", "-": "−", "*": "∗", "=": "=", "<": "<", ">": ">", ",": ",", ";": ";", ":": ":",
        "!": "!", "?": "?", ".": ".", "/": "/", "|": "|", "(": "(", ")": ")", "[": "[", "]": "]",
        "@": "@",
    ]

    /// Spacing commands and their widths in em (TeX: `\,` 3mu, `\:` 4mu, `\;` 5mu, 18mu = 1em).
    static let spaces: [String: String] = [
        ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em",
        "medspace": "0.2222em", ";": "0.2778em", "thickspace": "0.2778em", "quad": "1em",
        "qquad": "2em", " ": "0.25em", "enspace": "0.5em", "enskip": "0.5em",
        "!": "-0.1667em", "negthinspace": "-0.1667em", "negmedspace": "-0.2222em",
        "negthickspace": "-0.2778em",
    ]

    /// Accents placed over their argument, with the combining-free spacing character used as the
    /// `<mo>` and whether it stretches to the argument's width (`\widehat`, `\overline`).
    static let accents: [String: (mark: String, stretchy: Bool)] = [
        "hat": ("^", false), "widehat": ("\u{0302}", true), "check": ("ˇ", false), "widecheck": ("ˇ", true),
        "tilde": ("~", false), "widetilde": ("~", true), "bar": ("¯", false), "vec": ("→", false),
        "dot": ("˙", false), "ddot": ("¨", false), "dddot": ("⃛", false), "breve": ("˘", false),
        "acute": ("´", false), "grave": ("`", false), "mathring": ("˚", false),
"overrightarrow": ("→", true), "overleftarrow": ("←", true),
        "overleftrightarrow": ("↔", true), "overbrace": ("⏞", true),
    ]

    /// Marks placed under their argument.
    static let underAccents: [String: String] = [
"underbrace": "⏟", "underrightarrow": "→", "underleftarrow": "←",
        "underleftrightarrow": "↔",
    ]

    /// Negations for `\not` followed by a relation; others get the combining long solidus.
    static let negations: [String: String] = [
        "=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "∋": "∌", "⊂": "⊄",
        "⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "∼": "≁", "≃": "≄", "≅": "≇", "≈": "≉", "≡": "≢",
        "∣": "∤", "∥": "∦", "→": "↛", "←": "↚", "⇒": "⇏", "⇔": "⇎", "≺": "⊀", "≻": "⊁",
    ]
}
