import Notebooks
import XCTest

@testable import Reports

/// Formulas of the kind Folio's notebooks write (singular learning theory, SGLD, grokking's
/// Fourier features, CKA, simplicity bias): each converts without a warning. They are on the
/// browser check page too.
final class MathNotebookFormulaTests: XCTestCase {
    static let formulas: [(tex: String, display: MathDisplay)] = [
        (#"\mathbb{E}_{x\sim p}\left[\log \frac{p(x)}{q(x)}\right] = \operatorname{KL}(p \,\|\, q)"#, .block),
        (#"w_{t+1} = w_t - \frac{\epsilon}{2}\left(\frac{\beta n}{m}\sum_{i=1}^{m} \nabla \ell_i(w_t) + \gamma (w_t - w^*)\right) + \mathcal{N}(0, \epsilon)"#, .block),
        (#"\hat{\lambda}(w^*) = n\beta \left( \mathbb{E}^\beta_{w \mid w^*, \gamma}[L_n(w)] - L_n(w^*) \right), \quad \beta = \frac{1}{\log n}"#, .block),
        (#"Z_n = \int_W \varphi(w)\, e^{-n\beta L_n(w)} \, dw"#, .block),
        (#"F_n = nL_n(w_0) + \lambda \log n - (m - 1) \log\log n + O_p(1)"#, .block),
        (#"H_{ij} = \frac{\partial^2 L}{\partial w_i \, \partial w_j}\bigg|_{w = w^*}"#, .block),
        (#"\hat f(k) = \sum_{x=0}^{p-1} f(x)\, e^{-2\pi i k x / p}"#, .block),
        (#"\cos(\omega_k (a+b)) = \cos(\omega_k a)\cos(\omega_k b) - \sin(\omega_k a)\sin(\omega_k b), \quad \omega_k = \frac{2\pi k}{p}"#, .block),
        (#"\operatorname{logit}_c \propto \cos(\omega_k (a + b - c))"#, .inline),
        (#"a + b \equiv c \pmod{p}"#, .inline),
        (#"\mathrm{CKA}(K, L) = \frac{\mathrm{HSIC}(K,L)}{\sqrt{\mathrm{HSIC}(K,K)\,\mathrm{HSIC}(L,L)}}"#, .block),
        (#"\lambda = \frac{d}{2} \text{ for a regular model}, \qquad \lambda \le \frac{d}{2}"#, .block),
        (#"P(f) \lesssim 2^{-a K(f) - b}"#, .inline),
        (#"\operatorname{rank}(W) \leq \min(m, n)"#, .inline),
        (#"\text{acc} = \frac{1}{N}\sum_{i} \mathbb{1}[\hat y_i = y_i]"#, .block),
        (#"\underset{w}{\operatorname{argmin}}\, L(w)"#, .block),
        (#"\lim_{n \to \infty} \frac{\log Z_n}{\log n} = -\lambda"#, .block),
        (#"\Pr_{x \sim \mathcal{D}}[h(x) \neq y] \le \epsilon"#, .inline),
        (#"\tilde{O}(n^{-1/2})"#, .inline),
        (#"\|W\|_F^2 = \operatorname{tr}(W^\top W)"#, .inline),
        (#"y = \sigma\bigl(W_2\, \mathrm{ReLU}(W_1 x + b_1) + b_2\bigr)"#, .inline),
        (#"f: \{0,1\}^n \to \{0,1\}, \quad x \mapsto x_1 \oplus x_2 \oplus \cdots \oplus x_k"#, .block),
        (#"\begin{aligned} L(w) &= \frac{1}{n}\sum_{i=1}^{n} \ell(f_w(x_i), y_i) \\ &\approx L(w^*) + \tfrac{1}{2}(w - w^*)^\top H (w - w^*) \end{aligned} \tag{2}"#, .block),
        (#"K(w) = \sum_{j=1}^{d} w_j^{2k_j}, \quad \lambda = \sum_j \frac{1}{2k_j}"#, .block),
        (#"\operatorname*{arg\,max}_{c \in \mathbb{Z}_p} \sum_{k \in \mathcal{K}} \cos\bigl(\omega_k(a + b - c)\bigr)"#, .block),
    ]

    func testNotebookFormulasConvertWithoutWarnings() {
        let converter = MathConverter()
        for formula in Self.formulas {
            let result = converter.convert(formula.tex, display: formula.display)
            XCTAssertEqual(result.warnings, [], "TeX: \(formula.tex)")
            XCTAssertFalse(result.mathML.contains("<merror>"), "TeX: \(formula.tex)")
        }
    }
}
