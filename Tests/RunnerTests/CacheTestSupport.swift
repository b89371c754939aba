import Foundation
import XCTest
import Notebooks
@testable import Runner

/// A fresh cache folder, removed when the test ends.
func temporaryCache(_ test: XCTestCase, codecs: ArtifactCodecs = .standard) -> CellCache {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("folio-cache-test-\(UUID().uuidString)")
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return CellCache(directory: dir.path, codecs: codecs)
}

/// Checks and runs `source` as notebook `name` with the cache.
func runCached(_ source: String, cache: CellCache?, name: String = "nb", overrides: [String: String] = [:],
               only: Set<String>? = nil) throws -> (run: NotebookRun, cache: CacheReport) {
    let notebook = try NotebookParser.parse(source: source, file: name + ".md")
    let checked = try NotebookChecker().check(notebook, overrides: overrides)
    return NotebookExecutor(threads: 1, cache: cache).runReportingCache(checked, only: only)
}

/// A small notebook: two independent chains (a → a_claim, b → b_table) and a claim on params.
let chainNotebook = """
---
params: {n: 4}
---
Some prose.

```{data}
id: a
range: {name: i, from: 1, to: 5}
columns:
  sq: =i^2
```

```{data}
id: b
columns:
  x: [1, 2, 3]
```

```{claim}
id: a_claim
that: a.sq.last == 25
says: five squared
```

```{table}
id: b_table
from: b
```

```{claim}
id: p_claim
that: params.n > 3
says: n is large
```
"""
