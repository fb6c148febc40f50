/// A priority weighting ready to apply: per category (`on each category`) or to the total by the
/// main category (`on main category`).
struct CompiledWeighting: Sendable {
    let label: String
    let mode: Weighting.Mode
    let rows: [CheckedMatrix.WeightRow]

    /// The weight of a category for `on each category`: its own row, else its group's row, else 1.
    func weight(ofCategory category: Int) -> (weight: ExactDecimal, row: String) {
        if let row = rows.first(where: { $0.isCategory && $0.categories.first == category }) {
            return (row.weight, row.name)
        }
        if let row = rows.first(where: { !$0.isCategory && $0.categories.contains(category) }) {
            return (row.weight, row.name)
        }
        return (.one, "")
    }

    /// The main category's row: the largest subtotal, ties to the larger weight, then the earlier row.
    /// `nil` when no row has a positive subtotal (the weight is then 1).
    func mainRow(subtotals: [Int: ExactDecimal]) -> CheckedMatrix.WeightRow? {
        var best: (row: CheckedMatrix.WeightRow, subtotal: ExactDecimal)? = nil
        for row in rows {
            var subtotal = ExactDecimal.zero
            for category in row.categories {
                if let s = subtotals[category] { subtotal = subtotal.adding(s) ?? subtotal }
            }
            guard subtotal > .zero else { continue }
            if let current = best {
                if subtotal < current.subtotal { continue }
                if subtotal == current.subtotal && row.weight <= current.row.weight { continue }
            }
            best = (row, subtotal)
        }
        return best?.row
    }
}
