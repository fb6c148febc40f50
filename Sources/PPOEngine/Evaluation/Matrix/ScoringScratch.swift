/// What scoring reuses from one offender to the next: a frame and buffers, so that a run allocates
/// nothing per offender once warmed up. One scratch serves the one matrix that made it.
struct ScoringScratch: ~Copyable {
    /// The frame, rebound to each offender (see `EvaluationFrame.reusable`).
    var frame: EvaluationFrame
    var buffers = ScoringBuffers()

    init(for matrix: CompiledMatrix) {
        frame = EvaluationFrame.reusable(at: .placeholder, asOf: Day(ordinal: 0), categories: matrix.categories)
    }
}

/// The buffers a form is worked out in.
struct ScoringBuffers: ~Copyable {
    /// The offence lines' tables.
    var tables = OffenceTables()
    /// The intelligence the matrix counts.
    var kept = IndexList()
}
