/// Edit distances between names, for "did you mean 'x'?" hints.
public enum EditDistance {
    /// The optimal-string-alignment (restricted Damerau–Levenshtein) distance: the fewest insertions,
    /// deletions, substitutions and transpositions of adjacent characters turning `a` into `b`, no
    /// substring edited twice. `distance("optimiser", "optimizer") == 1`, `distance("lsos", "loss") == 1`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rolling rows: i-2, i-1, i.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, beforePrevious[j - 2] + 1)
                }
                row[j] = best
            }
            (beforePrevious, previous, row) = (previous, row, beforePrevious)
        }
        return previous[b.count]
    }

    /// The candidate closest to `name`, if one is close enough to be a plausible typo: a candidate
    /// equal ignoring case, or one within `min(3, name.count / 3)` edits (at least 1 edit for names
    /// of three or more characters). Ties go to the alphabetically first candidate, so the answer is
    /// deterministic. `name` itself is never suggested.
    public static func closest<S: Sequence>(to name: String, among candidates: S) -> String? where S.Element == String {
        let lowered = name.lowercased()
        let limit = min(3, name.unicodeScalars.count / 3)
        var best: (distance: Int, name: String)?
        for candidate in candidates where candidate != name {
            let distance = candidate.lowercased() == lowered ? 0 : EditDistance.distance(name, candidate)
            guard distance <= limit || distance == 0 else { continue }
            if let current = best, (current.distance, current.name) <= (distance, candidate) { continue }
            best = (distance, candidate)
        }
        return best?.name
    }
}
