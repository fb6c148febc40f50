/// The other blocks an expression reads, so a run evaluates each of them once, up front.
struct ExpressionReferences {
    var matrices: Set<String> = []
    var checklists: Set<String> = []
    /// The matrices whose `recommended("…")` is read: the one result that depends on the whole
    /// population (a rank), so a streamed run ranks those first.
    var recommended: Set<String> = []
    /// Whether the expression calls `changed()`, the one function that notes evidence even where
    /// its caller records none.
    var readsChanged = false

    mutating func collect(_ expression: TypedExpression) {
        switch expression.node {
        case .number, .string, .date, .duration, .bool, .enumValue, .categoryGroup, .category, .today,
             .offender, .element:
            return
        case .matrixResult(let kind, let name):
            matrices.insert(name)
            if kind == .recommended { recommended.insert(name) }
        case .checklistDue(_, let name): checklists.insert(name)
        case .field(let a, _), .negate(let a), .not(let a), .inThisMonth(let a), .within(let a, _, _),
             .presence(let a, _), .daysSince(let a):
            collect(a)
        case .changed(let a):
            readsChanged = true
            collect(a)
        case .and(let a, let b), .or(let a, let b), .arithmetic(_, let a, let b), .compare(_, let a, let b),
             .contains(let a, let b):
            collect(a); collect(b)
        case .inList(let a, let items):
            collect(a)
            items.forEach { collect($0) }
        case .conditional(let c, let a, let b):
            collect(c); collect(a); collect(b)
        case .aggregate(_, let query, let value):
            collect(query.base)
            if let predicate = query.predicate { collect(predicate) }
            if let value { collect(value) }
        }
    }

    /// Adds what `other` reads.
    mutating func formUnion(_ other: ExpressionReferences) {
        matrices.formUnion(other.matrices)
        checklists.formUnion(other.checklists)
        recommended.formUnion(other.recommended)
        readsChanged = readsChanged || other.readsChanged
    }
}
